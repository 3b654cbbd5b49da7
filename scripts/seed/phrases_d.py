"""Phrase pools shared by every kind of service and organization: organization summaries,
people, funding, eligibility, fees, waits, documents, locations and languages."""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

#: Plain words for each service code, used to summarize what an organization offers.
OFFER_WORDS = {
    "M": "peer recovery coaching", "Mv": "coaching by phone and video",
    "Mn": "an overnight peer warmline", "FC": "family counseling", "FE": "family support groups",
    "FEv": "online family groups", "MH": "mutual-help meetings", "MHv": "online meetings",
    "MHn": "a late-night meeting", "R": "a recovery community center",
    "Rn": "late-night drop-in hours", "H": "recovery housing", "Hw": "recovery housing for women",
    "Hm": "recovery housing for men", "E": "job coaching", "T": "telehealth counseling",
    "Tn": "late-evening telehealth counseling", "X": "rides to recovery appointments",
}

ORG_OFFERS = [
    "Today {short} offers {offers} from its home at {street}.",
    "Its staff and volunteers now provide {offers} for people across {area}.",
    "These days you will find {offers} here, most of it free.",
    "{short} now offers {offers}, and most of its staff are in recovery themselves.",
    "The organization offers {offers} and works closely with treatment programs, courts and clinics in {area}.",
    "What started small now includes {offers}.",
]

ORG_CLOSING = {
    "peer": ["Nobody is turned away for inability to pay, and every pathway of recovery is respected.",
             "Its coaches help with everything from {f_practical} to {f_topics}.",
             "People come for the coaching and stay for the community, the potlucks and the friendships.",
             "Peer staff reflect the communities they serve, and many have been clients themselves.",
             "The door is open to anyone curious about recovery, not only people who have already decided to stop."],
    "rco": ["It is governed by a board where most members are in recovery, and members help set its priorities.",
            "Its calendar of {f_events} keeps the place busy most evenings.",
            "Everything it does is shaped by a simple belief: people recover, and communities help them do it.",
            "Anyone can become a member for free and vote on the programs the center runs."],
    "meetings": ["Meetings are free, run by volunteers and open to every pathway of recovery.",
                 "A volunteer host is always at the door to welcome people who are new."],
    "family": ["Families are welcome whether their loved one is using, in treatment or in recovery.",
               "Its groups are led by {f_facilitator}.",
               "Its staff believe families deserve care in their own right, not only as helpers."],
    "housing": ["Every house is alcohol- and drug-free, and residents help decide the house rules.",
                "Residents say the best part is the people: housemates who look out for each other and hold each other accountable.",
                "Its houses are close to {f_h_connect}, and rent stays affordable on purpose.",
                "Its homes follow national recovery-residence standards and are inspected every year.",
                "House managers are in long-term recovery and live on site."],
    "employment": ["Its employer partners pledge to judge applicants on their skills and their recovery, not their past.",
                   "Services are free to job seekers and paid for by grants and employer partners."],
    "telehealth": ["Counselors are licensed in the state and accept most insurance, including Medicaid.",
                   "Sessions are private, secure and as easy to join as a phone call."],
    "transportation": ["Rides are free and drivers are background-checked, trained and insured.",
                       "Its volunteers believe nobody should miss recovery because they could not get there."],
    "warmline": ["Calls are anonymous and free, and the people answering have been where you are.",
                 "Peers answering the line are trained, supervised and in recovery themselves."],
}

FIRST_NAMES = {
    "chicago": ["Tanya", "Marcus", "Agnieszka", "Luis", "Denise", "Tomasz", "Yolanda", "Darnell",
                "Maribel", "Kevin", "Renee", "Jorge", "Shanice", "Piotr", "Graciela", "Andre",
                "Colleen", "Imani", "Héctor", "Beata"],
    "portland": ["Megan", "Thanh", "Olga", "Dustin", "Rosa", "Khoa", "Skyler", "Natalia", "Jamal",
                 "Heather", "Linh", "Sergei", "Amara", "Cody", "Leilani", "Gabe"],
    "albuquerque": ["Marisol", "Darren", "Lorenzo", "Shaylene", "Estevan", "Rachelle", "Tomás",
                    "Nizhoni", "Benito", "Crystal", "Arturo", "Leandra", "Jolene", "Ramón"],
    "eastern-kentucky": ["Brandy", "Dale", "Tammy", "Jesse", "Loretta", "Wendell", "Kayla",
                         "Ricky", "Sherry", "Travis", "Darlene", "Cody", "Misty", "Earl"],
}
LAST_NAMES = {
    "chicago": ["Okafor", "Kowalczyk", "Ramírez", "Washington", "Nowak", "Delgado", "Brooks",
                "Wiśniewski", "Castillo", "Fitzgerald", "Harris", "Mendoza", "Zielinski", "Coleman"],
    "portland": ["Nguyen", "Petrova", "Hollis", "Tran", "Gutierrez", "Lindqvist", "Volkov",
                 "Whitaker", "Pham", "Ortega", "Sorensen", "Kealoha"],
    "albuquerque": ["Chávez", "Begay", "Montoya", "Yazzie", "Lucero", "Trujillo", "Tsosie",
                    "Baca", "Gallegos", "Romero", "Benally", "Archuleta"],
    "eastern-kentucky": ["Combs", "Sizemore", "Slone", "Caudill", "Hall", "Stacy", "Napier",
                         "Collins", "Fugate", "Bentley", "Mullins", "Ritchie"],
}
ORG_TITLES = ["Executive Director", "Program Director", "Operations Manager", "Founder and Director",
              "Director of Community Programs"]
SERVICE_TITLES = {
    "mentor": "Peer Recovery Coordinator", "family": "Family Programs Lead",
    "mutual": "Meeting Coordinator", "rco": "Center Coordinator", "house": "Housing Coordinator",
    "employ": "Employment Specialist", "tele": "Clinical Supervisor", "trans": "Ride Coordinator",
}

ORG_FUNDING = [
    "State opioid response grant (demo)", "County behavioral health contract (demo)",
    "Community foundation grant (demo)", "Individual donors and neighborhood fundraisers",
    "Federal substance use block grant, passed through the state (demo)",
    "Opioid settlement funds awarded by the county (demo)", "Faith community partners",
    "Neighborhood giving circle grant (demo)", "Local hospital community benefit grant (demo)",
]
SERVICE_FUNDING = {
    "mentor": "State peer recovery support grant (demo)",
    "family": "Family support grant from a private foundation (demo)",
    "mutual": "Member contributions and small donations",
    "rco": "Recovery community organization grant (demo)",
    "house": "Resident program fees and a state recovery housing grant (demo)",
    "employ": "Workforce development board contract (demo)",
    "tele": "Medicaid and insurance reimbursement",
    "trans": "Opioid settlement transportation fund (demo)",
}

#: {ages} is "adults 18 and older" or "young people ages 12 to 25"; {gender_note} says who a
#: single-gender service is for (or is empty).
ELIGIBILITY = {
    "mentor": ["Open to {ages} in or seeking recovery; no referral, diagnosis or insurance required.{gender_note}",
               "{ages} who want peer support, including people on medication for addiction treatment.{gender_note}",
               "{ages} living in or near {city} who want a peer coach; no referral needed.{gender_note}",
               "Anyone ({ages}) with a substance use concern, at any stage of recovery.{gender_note}"],
    "family": ["Family members and friends ({ages}) of someone with a substance use problem; your loved one does not have to take part.",
               "Parents, partners, relatives and caregivers ({ages}); no referral needed.",
               "Families in {city} and nearby affected by a loved one's alcohol or drug use ({ages}).",
               "{ages} who love someone who uses substances or is in recovery."],
    "mutual": ["Anyone with a desire to stop or cut back on drinking or drug use.{gender_note}",
               "Open to all; no sign-up, no fee, no questions asked.{gender_note}",
               "Anyone who wants help with alcohol or drugs; open meetings also welcome family and friends.{gender_note}",
               "{ages} who want to be around other people in recovery.{gender_note}"],
    "rco": ["Anyone in or seeking recovery, plus family and friends. Please arrive sober.",
            "Open to everyone; the center is alcohol- and drug-free.",
            "Open to {ages} in or curious about recovery, and to their families.",
            "Everyone in {city} who supports recovery is welcome; please keep the space alcohol- and drug-free."],
    "house": ["{ages} in recovery who can live independently, are not in acute withdrawal and agree to the house rules.{gender_note}",
              "{ages} in recovery with at least a few days of abstinence (or stable on medication) who will attend house meetings.{gender_note}",
              "{ages} who are committed to recovery and able to pay the weekly fee, with help if needed.{gender_note}",
              "{ages} leaving treatment, detox or incarceration, or in early recovery, who want a sober home.{gender_note}"],
    "employ": ["{ages} in recovery who are legally able to work in the US. A criminal record is not a barrier.",
               "People in recovery ({ages}) who want to work, study or train.",
               "{ages} in recovery in or near {city}; no work history required.",
               "Job seekers in recovery ({ages}), including people with records or long gaps in work."],
    "tele": ["{ages} living in {state_name} who can join by phone or video from a private place.",
             "{ages}; not a crisis service (call 988 in a crisis).",
             "{ages} in {state_name} with alcohol or drug concerns, with or without insurance.",
             "{ages} who want counseling from home; a phone is enough."],
    "trans": ["People in or seeking recovery traveling to a recovery-related appointment within the service area.",
              "Anyone traveling to treatment, meetings, court or work who lacks a ride; riders under 18 need an adult.",
              "{ages} in recovery without a car or bus route to their appointment.",
              "Riders in or near {city} going to a recovery-related appointment; no income limit."],
}
APPLICATION = {
    "mentor": ["Call, text or walk in; a peer will have a short welcome conversation with you, with no paperwork at first.",
               "Self-referral by phone at {phone} or walk-in, or a referral from a treatment provider, court or hospital.",
               "Stop by {street} or call {phone}; the first conversation is informal and there are no forms.",
               "Call {phone} for a welcome call, then meet your coach within about a week."],
    "family": ["Call {phone} to schedule an intake; the counselor will ask a few questions about your family and goals.",
               "Register by phone or online, or simply come to a group.",
               "Call {phone} or email to register; walk-ins are welcome at most sessions.",
               "Ask for the family program at {phone}; you will be offered the next open session."],
    "mutual": ["No application; walk in.", "None needed; come to any meeting.",
               "No sign-up; meetings are listed on the door at {street}.", "Just come; call {phone} with any questions."],
    "rco": ["Walk in during open hours and sign the guest book.", "No application; drop in.",
            "Drop in at {street}; becoming a member is free and optional.", "Walk in, or call {phone} to ask about events."],
    "house": ["Phone interview, short written application and a house tour; residents sign a house agreement on move-in.",
              "Call {phone} for a phone screening; if a bed is open, move-in can happen within a few days.",
              "Apply online or by phone at {phone}, then meet the house manager for a short interview.",
              "Referral from a treatment program or self-referral at {phone}, followed by a phone interview."],
    "employ": ["Attend an orientation, then meet one-on-one with a job coach.",
               "Call {phone} to schedule an intake with a job coach; bring any ID you have.",
               "Come to a weekly orientation at {street}, or call {phone} to book a time.",
               "Referral from a peer coach, case manager or probation officer, or call {phone} yourself."],
    "tele": ["Phone screening, then a first video appointment with a counselor.",
             "Book online or at {phone}; you will get a secure link for your first session.",
             "Call {phone} for a 15-minute screening, then schedule your first session.",
             "Request an appointment online; a counselor calls you within two business days."],
    "trans": ["Book by phone or text at {phone} at least a day ahead.", "Call the ride line at {phone} with your appointment details.",
              "Book online or by phone; same-day rides when a driver is free.", "Text {phone} with the date, time and address of your trip."],
}
WAIT_TIMES = {
    "mentor": ["Usually matched with a coach within a week.", "Same-day conversations most weekdays."],
    "family": ["First appointment usually within two weeks.", "About a three-week wait for evening appointments."],
    "house": ["Waiting list of about two to four weeks when houses are full.", "Beds often open up within a week."],
    "employ": ["Next orientation is within a week.", "No wait."],
    "tele": ["First session usually within 5 business days.", "About a one-week wait."],
    "trans": ["Book 24 hours ahead.", "Same-day rides when drivers are available."],
}
REQUIRED_DOCUMENTS = {
    "house": ["Photo ID (any kind, expired is fine)", "Proof of income or a benefits letter, if you have one",
              "List of current medications"],
    "employ": ["Any form of ID", "Social Security card or other proof you can work (we can help you get one)"],
    "tele": ["Insurance card, if you have one"],
    "family": ["Insurance card, if you have one"],
    "trans": ["Appointment date, time and address"],
}
ALERTS = [
    "Closed Thanksgiving Day, Thursday, November 26, 2026.",
    "Moving to a new office in January 2027; the phone number will stay the same.",
    "Evening hours are temporarily reduced while we hire a new coordinator; please call ahead.",
]
INTERPRETATION = [
    "Free phone interpretation in more than 200 languages.",
    "ASL interpreters available with one week's notice.",
    "Bilingual staff, plus phone interpreters for other languages at no cost.",
]
LANGUAGE_NOTES = {
    "es": ["Bilingual staff at every session.", "Spanish-speaking peers available most days.",
           "Materials available in Spanish."],
    "pl": ["Polish-speaking coach available on Tuesdays and Thursdays.", "Polish-speaking staff and materials."],
    "vi": ["Vietnamese-speaking peer on staff.", "Vietnamese interpreter at every session."],
    "ru": ["Russian-speaking peer available by appointment.", "Russian-speaking staff."],
    "nv": ["Diné-speaking peer mentor available.", "Navajo-speaking staff on Tuesdays and Thursdays."],
    "ase": ["Deaf peer staff member; ASL spoken here."],
}
LOCATION_DESCRIPTIONS = {
    "office": ["Main office and peer center on the ground floor.", "Second-floor offices with a quiet meeting room.",
               "Storefront center with a lounge and meeting rooms.", "Community building with a large meeting hall and a kitchen.",
               "Offices in a converted house; ring the bell at the side door."],
    "house": ["Recovery home in a residential neighborhood; please call before visiting, as this is a private home.",
              "Shared family home with a large kitchen and a backyard; visits by appointment.",
              "Two-flat recovery residence; call the house manager before stopping by."],
}
ACCESSIBILITY_DETAILS = {
    "Wheelchair accessible": "Step-free entrance with an automatic door.",
    "Accessible parking": "Two accessible parking spaces next to the entrance.",
    "Elevator": "Elevator to every floor.",
    "Accessible restroom": "Accessible all-gender restroom on the main floor.",
    "Hearing loop": "Hearing loop in the main meeting room.",
    "ASL interpretation on request": "Ask for an ASL interpreter when you book.",
}
