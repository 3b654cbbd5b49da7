"""Phrase pools: employment, telehealth and transportation, plus variants for youth and
online versions of in-person services (slots as in ``phrases_a``)."""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

EMPLOYMENT = {
    "names": [("Recovery-Friendly Job Coaching", "all"), ("Career Pathways in Recovery", "all"),
              ("Second-Chance Hiring Program", "all"), ("Job Readiness Workshop", "all"),
              ("Paid Work Experience Program", "all"), ("Trades Apprenticeship Prep", "all"),
              ("Resume and Interview Clinic", "all")],
    "who": [
        "For adults in recovery who want to find a job, get a better one or go back to school.",
        "For people with gaps in their work history or a criminal record who want an employer that understands recovery.",
        "For people living in recovery housing or finishing treatment who are ready to start working again.",
        "Open to anyone in recovery in {city} and nearby, including people who have never had a steady job.",
    ],
    "what": [
        "A job coach in recovery helps you write a resume, practice interviews and explain gaps in your work history with confidence.",
        "Recent placements include jobs at {f_jobs} across {city}.",
        "The program partners with recovery-friendly employers, including {f_jobs}, who give new hires time off for treatment and meetings.",
        "Participants can earn paid work experience for up to 12 weeks while building references and skills.",
        "Coaches help with the practical barriers to work: IDs, work clothes, bus passes, driver's license reinstatement and expungement referrals.",
        "Weekly workshops cover digital skills, food-handler and forklift certifications, and how to talk to an employer about recovery.",
        "After you are hired, your coach keeps checking in for six months so a rough week at work does not have to end the job.",
        "Pre-apprenticeship classes prepare people for union trades such as carpentry, electrical and plumbing.",
    ],
    "start": [
        "Call {phone} to sign up for the next orientation, held every week.",
        "Walk in to {street} on a weekday morning with any ID you have, or call {phone} first.",
        "Ask your peer coach or case manager to refer you, or call {phone} yourself.",
    ],
}

TELEHEALTH = {
    "names": [("Telehealth Recovery Counseling", "all"), ("Online Counseling for Recovery", "all"),
              ("Video Counseling Sessions", "all"), ("Virtual Outpatient Counseling", "all"),
              ("Evening Telehealth Counseling", "all"), ("Telehealth Recovery Groups", "all")],
    "who": [
        "For adults in {state_name} who want counseling for alcohol or drug use but cannot easily get to an office.",
        "For people in early recovery, people worried about their drinking or use, and people with both addiction and anxiety or depression.",
        "A good fit for people in rural areas, shift workers, parents and anyone who values privacy.",
        "For adults living anywhere in the state, including people already in treatment who want extra support between sessions.",
    ],
    "what": [
        "Licensed counselors meet with you by secure video or phone for individual sessions, usually once a week, using {f_approach}.",
        "Counselors use proven approaches such as {f_approach}.",
        "Small online groups of six to ten people meet twice a week, led by a counselor and a peer specialist.",
        "Counselors can coordinate with your doctor if you take or want to start medication for opioid or alcohol use disorder.",
        "All you need is a phone or computer and a private place to talk; the program can lend a tablet if you need one.",
        "Sessions are confidential and follow federal privacy rules for substance use treatment records.",
    ],
    "start": [
        "Call {phone} or request an appointment online; the first session is usually within a week.",
        "Book a free 15-minute screening call at {phone} to see if telehealth is a good fit.",
        "Call {phone} with your insurance card handy, or ask about the sliding scale if you have no insurance.",
    ],
}

TRANSPORTATION = {
    "names": [("Recovery Rides", "all"), ("Rides to Treatment and Meetings", "all"),
              ("Volunteer Driver Program", "all"), ("Transit Passes for Recovery", "all")],
    "who": [
        "For people in recovery who need a ride to {f_trips}.",
        "For people without a car or a reliable bus route, including people with disabilities.",
        "For anyone in or seeking recovery in the service area; no income requirement.",
    ],
    "what": [
        "Volunteer drivers, many of them in recovery, give free door-to-door rides in insured vehicles.",
        "The program also hands out free transit passes and gas cards for recovery-related trips.",
        "A wheelchair-accessible van is available; mention it when you book.",
        "Drivers can wait during short appointments and take you home afterward; common trips include {f_trips}.",
        "Rides to detox and treatment intake can often be arranged the same day.",
    ],
    "start": [
        "Call or text {phone} at least one day before your trip; same-day rides when drivers are free.",
        "Book online or call {phone} with the date, time and address of your appointment.",
    ],
}

#: Replaces the "who" sentence of services for young people.
YOUTH_WHO = [
    "For young people ages 12 to 25 and the adults who care about them.",
    "Made for teens and young adults in recovery, or thinking about it, along with their parents or guardians.",
    "For young adults who want support from peers close to their own age.",
]

#: Added to in-person kinds of service when they are offered online.
ONLINE_NOTE = [
    "This group meets online by video, and you can join by phone if you prefer.",
    "Sessions happen by video so families across the region can join from home.",
    "The group meets on a private video link that is sent after you register.",
]

#: Late-evening counseling that runs past midnight.
LATE_TELEHEALTH = [
    "Late-evening sessions make it possible for night-shift workers and parents to meet with a counselor after the kids are asleep.",
]
