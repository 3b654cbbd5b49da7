"""Fragment pools: phrases inside sentences. A slot written ``{f_name}`` in any phrase is
filled with the next fragment of ``FRAGMENTS["f_name"]``, so the same sentence frame reads
differently from service to service."""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

FRAGMENTS = {
    # peer mentoring
    "f_coach": ["a certified peer recovery coach", "a trained peer mentor", "a recovery coach with years of lived experience",
                "a peer specialist who has walked this road", "a mentor who has been in recovery for at least two years"],
    "f_cadence": ["every week", "once or twice a week", "on a schedule you set together", "weekly at first, then as often as you like"],
    "f_goal": ["from getting an ID to staying sober through the holidays", "like finding a job or repairing a relationship",
               "such as getting back a driver's license or finishing a GED", "whether that is one sober weekend or a whole new routine",
               "like finding stable housing or reconnecting with your kids", "from keeping appointments to making sober friends"],
    "f_place": ["a coffee shop", "the public library", "a park bench", "a diner", "a bakery", "the community garden"],
    "f_practical": ["phone minutes, bus passes and food", "IDs, birth certificates and benefits paperwork",
                    "rides, groceries and a place to charge your phone", "clothes for a job interview and a bus card",
                    "insurance enrollment and doctor's appointments"],
    "f_topics": ["cravings, relationships and money", "work, family and the stress of early recovery",
                 "sleep, boredom and rebuilding trust", "court dates, probation and getting your life back on track",
                 "grief, anger and the good things recovery makes room for"],
    "f_duration": ["six months to a year", "as long as it is useful", "about six months, with check-ins after that",
                   "three to twelve months"],
    # family
    "f_fam_topics": ["communication, boundaries and rebuilding trust", "how to talk about treatment without a fight",
                     "what to do after a relapse", "self-care, guilt and hope", "setting limits with love",
                     "supporting a loved one on medication for addiction treatment"],
    "f_fam_people": ["parents, partners, siblings and grandparents", "moms, dads and stepparents", "spouses and partners",
                     "grandparents and other kinship caregivers", "adult children of parents with addiction"],
    "f_fam_feel": ["alone, worn out or unsure what to do next", "angry, scared and exhausted all at once",
                   "like they have tried everything", "stuck between helping and enabling"],
    "f_facilitator": ["a trained facilitator and a parent who has been through it", "a family counselor and a peer volunteer",
                      "two parents in long-term family recovery", "a licensed counselor and a grandparent in recovery"],
    # meetings and community
    "f_meet_format": ["a short reading, a topic and time for anyone who wants to share", "a check-in round and an open discussion",
                      "a speaker sharing their story followed by open sharing", "a reading from recovery literature and an open discussion",
                      "a newcomer welcome, a topic and sharing in a circle"],
    "f_meet_room": ["a ground-floor room", "a bright back room", "a meeting hall with plenty of chairs", "a basement room with its own entrance",
                    "the front room"],
    "f_coffee": ["coffee on before and after", "coffee and snacks", "strong coffee and herbal tea", "coffee and a table of free literature"],
    "f_events": ["recovery yoga, game nights and cooking classes", "open mic nights, art workshops and potlucks",
                 "bingo, karaoke and movie nights", "hikes, bowling nights and sober dances", "chess club, open studio and book club",
                 "volunteer days, cookouts and recovery walks"],
    "f_center_has": ["a lounge, coffee, computers and free Wi-Fi", "comfortable couches, a kitchen and a computer station",
                     "a quiet room, a phone charging station and free coffee", "a lending library, board games and free Wi-Fi"],
    "f_mat_help": ["pharmacy trips", "rides to the clinic", "keeping prescriptions and appointments on track",
                   "finding a prescriber nearby", "dosing-day schedules that fit around work"],
    # housing
    "f_h_people": ["adults in recovery from alcohol or drug use", "people in early recovery", "adults coming out of treatment or detox",
                   "people in recovery who need a fresh start away from old places", "working adults in recovery",
                   "people returning home from jail or prison"],
    "f_h_want": ["a safe, substance-free place to live", "a stable home and housemates who get it", "structure without feeling institutional",
                 "a calm, sober home close to work and meetings", "an affordable sober room and people to lean on"],
    "f_h_commit": ["follow house rules, attend house meetings and pitch in on chores", "share a home and a weekly house meeting",
                   "live by a few simple rules and look out for their housemates", "work, study or volunteer during the day"],
    "f_h_share": ["share a furnished home and cook dinner together twice a week", "rotate chores and eat Sunday dinner together",
                  "share a kitchen, laundry and a backyard", "share a big old house with a porch everyone likes to sit on",
                  "share a quiet home with a garden and a weekly movie night"],
    "f_h_manager": ["leads the weekly house meeting", "lives on site and is there to talk any time", "checks in with each resident every week",
                    "keeps the house running and settles disagreements fairly"],
    "f_h_room": ["their own bed and dresser", "a shared room with one housemate", "a private room", "a bed in a two-person room"],
    "f_h_amenity": ["Wi-Fi", "a locker", "laundry access", "a shelf in the pantry", "a spot in the fridge"],
    "f_h_connect": ["meetings, work and outpatient care", "mutual-help meetings, school and counseling", "jobs, meetings and health care",
                    "peer coaching, meetings and family visits"],
    "f_h_stay": ["between three months and a year", "about six months", "as long as they need, usually under a year",
                 "six to nine months"],
    # employment, telehealth, rides
    "f_jobs": ["bakeries, warehouses and print shops", "hospitals, hotels and construction firms", "restaurants, auto shops and call centers",
               "landscaping crews, grocery stores and manufacturers", "solar installers, kitchens and shipping companies"],
    "f_approach": ["cognitive behavioral therapy and motivational interviewing", "relapse prevention planning and mindfulness skills",
                   "motivational interviewing and family-inclusive care", "trauma-informed counseling and skills for handling cravings"],
    "f_trips": ["treatment, meetings, court or job interviews", "detox intake, pharmacy pickups and counseling",
                "probation check-ins, meetings and work", "doctor visits, meetings and family court"],
}
