"""Phrase pools: mutual-help meetings, recovery community centers and recovery housing
(slots as in ``phrases_a``; housing also has {beds}, {residents} and {size_note})."""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

MUTUAL_HELP = {
    "names": [("All-Recovery Meetings", "all"), ("Twelve-Step Meetings", "all"),
              ("Self-Management Recovery Meetings", "all"), ("Women's Recovery Meeting", "female"),
              ("Men's Recovery Meeting", "male"), ("Secular Recovery Meeting", "all"),
              ("Medication-Friendly Recovery Meeting", "all"), ("Mindfulness Recovery Meeting", "all"),
              ("LGBTQ+ Recovery Meeting", "all"), ("Young People in Recovery Meeting", "all"),
              ("Open Recovery Meetings", "all"), ("Spanish-Language Recovery Meeting", "all"),
              ("{street_name} Noon Meeting", "all"), ("{hood} Recovery Meetings", "all")],
    "who": [
        "Open to anyone who wants to stop or cut back on drinking or drug use, or is just curious; you do not have to call yourself anything.",
        "For people in any stage of recovery and on any pathway, including people taking medications such as buprenorphine or methadone.",
        "Everyone is welcome, whether it is your first meeting or your thousandth.",
        "For people in {hood} and beyond looking for a friendly room, {f_coffee} and honest conversation.",
        "Open meetings at {short} welcome friends and family; closed meetings are for people who want help with their own use.",
        "For anyone in {city} who wants company on the road to recovery, with no dues, no sign-up and no pressure.",
    ],
    "what": [
        "Meetings are peer-led and last about an hour: {f_meet_format}.",
        "Self-management meetings use practical, science-based tools for handling urges, solving problems and living a balanced life.",
        "Twelve-step meetings follow the traditional format: {f_meet_format}, with a beginners' meeting the first week of every month.",
        "Some meetings use a secular format that focuses on practical support and does not ask anyone to believe in a higher power.",
        "Old-timers stay after every meeting to talk with newcomers, swap phone numbers and point out sober places to hang out in {hood}.",
        "There is always a list of other meetings nearby on the table by the door, along with free naloxone.",
        "Meetings are held in {f_meet_room} at {street}, with {f_coffee}.",
        "Nobody has to speak; many people come for weeks just to listen, and that is fine.",
        "A few minutes of quiet meditation open each meeting, followed by {f_meet_format}.",
        "People who take medications for opioid use disorder are welcome to share openly here, and the room has {f_coffee}.",
        "Meetings are free; a basket is passed for rent and {f_coffee}, and nobody is expected to put anything in.",
        "The group meets {hours}, in {f_meet_room} with {f_coffee}.",
        "You will find a meeting here {hours}, and newcomers are always welcome.",
    ],
    "start": [
        "There is no sign-up, so just walk in, or call {phone} if you would like someone to meet you at the door.",
        "Come a few minutes early and, if you like, say it is your first time; someone will show you around, and questions can go to {phone}.",
        "Walk in any time a meeting is listed; the schedule is also posted on the door at {street}.",
        "Just come (there is no registration and no cost), or call or text {phone} for the current meeting list.",
    ],
}

MUTUAL_HELP_ONLINE = {
    "names": [("Online Recovery Meetings", "all"), ("Video Recovery Meetings", "all"),
              ("Lunchtime Online Meeting", "all"), ("Call-In Recovery Meetings", "all")],
    "who": [
        "For anyone who cannot get to an in-person meeting because of distance, work, childcare, health or weather.",
        "Open to anyone in {state_name} and beyond who wants to stop or cut back on drinking or drug use.",
        "Family members and people who are just curious are welcome to join and listen.",
    ],
    "what": [
        "Meetings run by video with the option to call in by phone, and you can keep your camera off.",
        "A trained host keeps the meeting safe and on track; meetings last about an hour.",
        "Meetings follow a simple format: {f_meet_format}.",
        "After each meeting, volunteers stay online for anyone who wants to talk one-on-one.",
    ],
    "start": [
        "Get the meeting link on the website or by texting MEETINGS to {phone}.",
        "Call {phone} for the dial-in number; no computer needed.",
        "Email or text {phone} for the link, or join from the calendar on the website.",
    ],
}

LATE_MEETING = {
    "what": [
        "A late-night meeting for people who work evenings, cannot sleep or need somewhere to be when the bars close.",
        "The midnight meeting has been running for years and is known for its newcomer-friendly crowd and strong coffee.",
    ],
}

RCO = {
    "names": [("Recovery Community Center", "all"), ("Drop-In Recovery Center", "all"),
              ("Recovery Café and Drop-In", "all"), ("Community Recovery Hub", "all"),
              ("Recovery Social Club", "all"), ("Recovery Advocacy and Events", "all"),
              ("{hood} Recovery Hub", "all"), ("Sober Hangout on {street_name}", "all")],
    "who": [
        "For anyone in or seeking recovery, and their families and friends.",
        "Open to everyone in {hood} who wants a sober place to spend time, make friends and find support.",
        "For people on every pathway of recovery, including people in treatment, on medication or just starting to think about it.",
        "A welcoming spot for people who are new to {city} or new to recovery and do not know anyone yet.",
        "For people in recovery who want more than meetings: friends, fun and a place to belong in {hood}.",
    ],
    "what": [
        "The center has {f_center_has}, plus peer staff who can connect you to meetings, housing and jobs.",
        "Weekly events include {f_events}, all free and alcohol-free.",
        "Volunteers in recovery help run the center, and anyone who has been coming for a while can train to lead {f_events}.",
        "Peer staff can help with phone calls, forms, job applications and benefits, or simply sit with you when you need company.",
        "The center also organizes recovery rallies, naloxone trainings and a yearly recovery walk through {hood}.",
        "Free naloxone and fentanyl test strips are available at the front desk, no questions asked.",
        "A community meal is served once a week, cooked by members, and everyone is welcome to sit down.",
        "There is a clothing closet, hygiene supplies and lockers for people who need them, plus {f_center_has}.",
        "The calendar is full of {f_events}, and members suggest new ideas every month.",
    ],
    "start": [
        "Just walk in during open hours at {street}; no sign-up needed.",
        "Stop by any time we are open, or call {phone} to find out what is happening this week.",
        "Walk in and say hello at the front desk, follow the events calendar on the website or call {phone} with questions.",
    ],
}

LATE_DROPIN = {
    "what": [
        "On weekend nights the center stays open late as a sober alternative to the bars, with music, games and peers on hand until closing.",
    ],
}

HOUSING = {
    "names": [("Recovery Residence", "all"), ("Women's Recovery House", "female"),
              ("Men's Recovery House", "male"), ("{street_name} House", "gender"),
              ("Sober Living Home", "gender"), ("{street_name} Recovery Residence", "gender"),
              ("Transitional Recovery Housing", "gender"), ("Mothers in Recovery House", "female"),
              ("Veterans Recovery House", "male"), ("{hood} Recovery Home", "gender"),
              ("{street_name} Sober Living", "gender"), ("The House on {street_name}", "gender")],
    "who": [
        "For {f_h_people} who want {f_h_want} while they rebuild.",
        "Built for {f_h_people} who are ready to {f_h_commit}.",
        "Residents are {f_h_people} looking for {f_h_want}.",
        "For people leaving residential treatment, detox or incarceration who need {f_h_want} and a supportive community.",
        "A home for {f_h_people} who are willing to {f_h_commit}.",
    ],
    "facts": [
        "This {size_word} home has {beds} beds for {residents}, and {size_note}.",
        "With {beds} beds for {residents}, the house {size_note_verb}.",
    ],
    "what": [
        "Residents {f_h_share}, and a house manager in recovery {f_h_manager}.",
        "Each resident gets {f_h_room}, {f_h_amenity} and a key of their own.",
        "Residents work with a peer coach on a recovery plan and connect to {f_h_connect} of their choosing.",
        "Most residents stay {f_h_stay}, and alumni often come back for Sunday dinner.",
        "The home is close to transit, grocery stores and several weekly meetings in {hood}.",
        "Drug screening is done with respect and privacy, and at {short} a recurrence of use is treated as a reason to talk, not an automatic eviction.",
        "New residents get a welcome bag, a house buddy for the first week and a copy of the house rules everyone helped write.",
        "The house keeps naloxone in every room, every resident is trained to use it, and residents {f_h_share}.",
        "Weekly fees cover rent, utilities, Wi-Fi and basic groceries; help with the first week's fee is available.",
        "Residents {f_h_share}; the house manager {f_h_manager}.",
    ],
    "mat_yes": [
        "The house welcomes residents who take medications for opioid use disorder, provides a locked box for medications and helps with {f_mat_help}.",
        "Residents on buprenorphine, methadone or naltrexone are welcome, and staff help with {f_mat_help}.",
        "Medication for addiction treatment is respected here as a valid pathway, nobody is asked to taper to get a bed, and staff help with {f_mat_help}.",
        "Medications for opioid use disorder are welcome at {short}; residents keep them in a locked box and the manager helps with {f_mat_help}.",
        "People on methadone or buprenorphine are welcome, and the house is near a clinic in {hood}.",
    ],
    "mat_no": [
        "This house does not currently accept residents taking methadone or buprenorphine; {short} will gladly refer you to a medication-friendly home.",
        "The house follows an abstinence-based model, and staff can point residents on medication to a home in {hood} or nearby that welcomes it.",
    ],
    "start": [
        "Call {phone} to ask about open beds and schedule a phone interview; you can apply from treatment or jail.",
        "Fill out the short application on the website or call {phone}; most interviews happen within 48 hours.",
        "Call the house manager at {phone}; if no bed is open, ask to be added to the waiting list.",
        "Treatment programs and case managers can refer directly, or you can call {phone} yourself.",
    ],
}

SIZE_NOTES = {  # size word, note for "and ...", note for "the house ..."
    "small": ("small", "it feels like a family home", "feels like a family home"),
    "medium": ("mid-sized", "everyone knows each other by name", "is big enough for a real community but small enough that everyone knows your name"),
    "large": ("large", "it offers the structure and peer support of a bigger program", "has the structure and peer support of a bigger program"),
}
