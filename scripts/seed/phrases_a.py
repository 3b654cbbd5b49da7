"""Phrase pools: peer mentorship and family services.

Slots: {short} organization's short name, {hood} neighborhood or town, {city}, {street},
{phone} the service's number, {state_name}, {hours} when it meets; {f_...} fragments (see
``phrases_e``). Names are (name, gender eligibility).
"""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

MENTOR = {
    "names": [("Peer Recovery Coaching", "all"), ("One-on-One Recovery Mentoring", "all"),
              ("Recovery Coach Match", "all"), ("{hood} Peer Coaching", "all"),
              ("Walk-In Peer Support", "all"), ("Recovery Mentor Program", "all"),
              ("Women's Peer Mentoring", "female"), ("Men's Recovery Mentoring", "male"),
              ("Reentry Peer Mentoring", "all"), ("Young Adult Recovery Coaching", "all"),
              ("Recovery Planning with a Peer", "all"), ("Peer Navigation after Treatment", "all"),
              ("{hood} Recovery Mentors", "all"), ("Peer Support Drop-In on {street_name}", "all"),
              ("First 90 Days Peer Coaching", "all"), ("Recovery Allies Mentoring", "all")],
    "who": [
        "For adults at any stage of recovery from alcohol or drug use, including people who are still deciding whether they want to stop.",
        "Open to anyone 18 or older who wants support from someone who has been there, whatever pathway of recovery you choose.",
        "Made for people leaving detox, treatment or jail who want a steady person in their corner for the first months.",
        "For people in {hood} and nearby who want practical, judgment-free help with recovery and everyday life.",
        "A good fit if you are newly in recovery, returning after a recurrence, or simply want someone to check in with each week.",
        "For adults using medications for opioid use disorder as well as people in abstinence-based recovery; every pathway is welcome.",
        "Welcomes people who have tried meetings and did not feel at home there, and people who have never been to one.",
        "For anyone in recovery who is juggling work, family, court dates or housing and wants a guide who has done the same.",
        "Open to people of every gender, faith and background, including LGBTQ+ people who want an affirming mentor.",
        "For parents in recovery who want support staying well while raising kids.",
        "For people in {city} who want a recovery ally for the everyday stuff: {f_topics}.",
        "For anyone who has thought about recovery and would like to talk it over with {f_coach} first.",
    ],
    "what": [
        "You are matched with {f_coach} who meets with you {f_cadence} to work on goals you choose, {f_goal}.",
        "Coaches help you build a recovery plan, connect you to meetings, housing and benefits in {hood}, and check in between visits by text.",
        "Meetings happen wherever you are comfortable: the {short} office on {street}, {f_place} in {hood}, or a walk around the block.",
        "Your mentor is {f_coach}, trained to listen first, share honestly and never lecture.",
        "Coaches can go with you to appointments, court dates or a first meeting in {hood} so you do not have to walk in alone.",
        "Each match lasts {f_duration}, and you can switch coaches at any time.",
        "Peer staff also help with the practical things that make recovery harder: {f_practical}.",
        "Sessions last about an hour, usually at {f_place}, and in between you can text your coach when a moment gets hard.",
        "Mentors carry naloxone and will show you how to use it, and they can help you talk about {f_topics}.",
        "The program follows a strengths-based recovery plan: you decide what matters, and {f_coach} helps you take the next small step.",
        "Coaches talk with you about {f_topics}.",
        "If you use medications such as buprenorphine or methadone, your coach will support that choice and help you keep your prescriptions on track.",
        "Many people start with a single conversation at {f_place} and decide later whether they want a regular mentor.",
        "Group check-ins once a month at {short} give everyone working with a coach a chance to meet others on the same road.",
        "Most people meet with {f_coach} {f_cadence}, for {f_duration}.",
        "Coaches know {hood} well and can point you to sober places to eat, work out and spend a Saturday night.",
    ],
    "start": [
        "To get started, call or text {phone} and ask for a peer coach; most people are matched within a week.",
        "Walk in during open hours at {street} and ask for whoever is on peer duty, or call {phone} first if you prefer.",
        "Call {phone} for a 15-minute welcome call; there are no forms to fill out before your first meeting.",
        "Text {phone} with your first name and a good time to talk, and a coach will call you back the same day.",
        "Ask your treatment counselor to refer you, or reach out yourself at {phone}; both are fine.",
        "Stop by the front desk at {short} or call {phone}; a coach will meet with you the same day when one is free.",
    ],
}

MENTOR_VIRTUAL = {
    "names": [("Phone Recovery Coaching", "all"), ("Video Peer Mentoring", "all"),
              ("Recovery Coaching by Phone and Video", "all"), ("Virtual Peer Support", "all"),
              ("Text-Based Recovery Check-Ins", "all"), ("Statewide Phone Coaching", "all")],
    "who": [
        "For adults anywhere in {state_name} who want a peer recovery coach but cannot easily get to an office.",
        "A good fit for people in rural areas, night-shift workers and parents who cannot leave home for appointments.",
        "For anyone in recovery who would rather talk by phone or video, including people who want to stay anonymous.",
        "Open to people in early recovery and to those with years of recovery who want someone to check in with.",
    ],
    "what": [
        "You are matched with {f_coach} who calls or video-chats with you {f_cadence} at a time you choose.",
        "Sessions run 30 to 45 minutes by phone or a private video link, and you can send a text check-in between sessions.",
        "Coaches help you set recovery goals, find in-person meetings near you and connect with local housing, food and benefits.",
        "All you need is a phone; if you do not have one, the program can help you get a free phone through a state program.",
        "Your coach has lived experience of recovery and completed state peer-support training, and your conversations stay private.",
        "Coaching covers whatever you need that week, from {f_topics} to help with {f_practical}.",
    ],
    "start": [
        "Call or text {phone} to schedule a first call; there is no paperwork before you talk to someone.",
        "Fill out the short form on the website or call {phone}, and a coach will reach out within two business days.",
        "Text START to {phone} and a coach will reply with times for a first call.",
    ],
}

WARMLINE = {
    "names": [("Overnight Peer Warmline", "all"), ("Night Owl Recovery Line", "all"),
              ("Late-Night Peer Support Line", "all"), ("After-Hours Recovery Warmline", "all"),
              ("Midnight Peer Talk Line", "all")],
    "who": [
        "For anyone in recovery, or thinking about it, who needs someone to talk to late at night.",
        "For people facing cravings, loneliness or a hard night who do not need emergency help but do not want to be alone.",
        "For people in recovery and for family members who are worried about someone they love.",
        "Open to anyone who calls, with no need to give your name.",
    ],
    "what": [
        "Trained peers with lived experience of recovery answer calls and texts through the night.",
        "A warmline is not a crisis line: peers listen, share what helped them and help you get to morning.",
        "If you are in danger, peers will help you reach 988 or emergency services right away.",
        "Calls are anonymous and can last five minutes or an hour; many people call several nights in a row.",
        "Peers can also text you the next day with times of morning meetings near you.",
        "Volunteers are supervised by a peer specialist on call, and everyone answering has completed warmline training.",
    ],
    "start": [
        "Call or text {phone} during warmline hours; no sign-up needed.",
        "Save {phone} in your phone now, so it is there when you need it at night.",
        "Just call {phone}; if all peers are busy, leave a first name and you will get a call back within 20 minutes.",
    ],
}

FAMILY_COUNSELING = {
    "names": [("Family Recovery Counseling", "all"), ("Couples and Family Sessions", "all"),
              ("Family Therapy for Recovery", "all"), ("Parent and Teen Counseling", "all"),
              ("Family Healing Program", "all"), ("Counseling for Loved Ones", "all"),
              ("CRAFT Family Coaching", "all"), ("Kinship Caregiver Counseling", "all"),
              ("{hood} Family Counseling", "all")],
    "who": [
        "For {f_fam_people} of someone who uses alcohol or drugs, whether or not that person is in recovery.",
        "For families where a parent or teen is in recovery and everyone is trying to find a new normal together.",
        "Open to family members on their own; your loved one does not need to take part for you to get help.",
        "For couples in which one or both partners are in recovery and want to rebuild trust.",
        "For families in {hood} and nearby, including kinship caregivers raising children because of a parent's addiction.",
        "For families who feel {f_fam_feel} and want a counselor who understands addiction.",
    ],
    "what": [
        "A licensed family therapist meets with you weekly or every other week to work on {f_fam_topics}.",
        "Sessions use CRAFT (Community Reinforcement and Family Training), an approach that helps families encourage a loved one toward treatment without confrontation.",
        "Counselors help families make sense of relapse, medication for addiction treatment and what recovery really looks like day to day.",
        "You can come alone, with your loved one or as a whole family, and sessions focus on {f_fam_topics}.",
        "Many families come for 8 to 12 sessions to work on {f_fam_topics}; some return for a check-in when life gets hard again.",
        "Counselors also help {f_fam_people} take care of themselves, because the stress of a loved one's addiction can wear anyone down.",
        "Children are welcome in age-appropriate sessions at {short}, and counselors can help you talk with kids about a parent's addiction.",
        "Sessions take place in a comfortable office at {street}, with evening appointments for working families.",
        "Counselors are trained in addiction and family systems, and they focus on {f_fam_topics}.",
    ],
    "start": [
        "Call {phone} to book a first appointment; the intake call takes about 20 minutes.",
        "Request an appointment on the website or call {phone}; a counselor will call back within two business days.",
        "Call {phone} and ask for the family program; bring your insurance card if you have one.",
        "Your loved one's treatment program can refer you, or you can call {phone} yourself.",
    ],
}

FAMILY_EDUCATION = {
    "names": [("Family Support Group", "all"), ("Families in Recovery Group", "all"),
              ("Parents of Young Adults Group", "all"), ("Family Education Series", "all"),
              ("Grandparents Raising Grandchildren Circle", "all"), ("Loved Ones Learning Night", "all"),
              ("Family Recovery Class", "all"), ("Moms and Dads Support Circle", "all"),
              ("{hood} Family Circle", "all"), ("Naloxone and Family Support Night", "all")],
    "who": [
        "For anyone who loves someone with a substance use problem, from {f_fam_people} to close friends.",
        "For family members who feel {f_fam_feel}.",
        "For parents and grandparents in {hood} and the surrounding area, including families who have lost someone to overdose.",
        "Open to family members of people in any stage of use or recovery; nobody has to have it figured out.",
        "For relatives of people in treatment, in jail or in recovery housing who want to stay connected and hopeful.",
        "For {f_fam_people} who want to learn more about addiction and recovery.",
    ],
    "what": [
        "The group meets {hours} with {f_facilitator}, and newcomers are welcome any week.",
        "Each session starts with a short lesson, on topics like {f_fam_topics}, followed by open sharing.",
        "The course runs eight weeks and covers what treatment looks like, how to support without enabling and {f_fam_topics}.",
        "Families leave every meeting with naloxone and the number of someone they can call between meetings.",
        "Members trade practical advice about insurance, treatment waiting lists and court, and about {f_fam_topics}.",
        "What is said in the {short} group stays in the group, and you never have to speak if you would rather just listen.",
        "Childcare and a light meal are provided so parents can focus on the conversation.",
        "Facilitators are family members trained in CRAFT and peer support, and the group covers {f_fam_topics}.",
        "It is led by {f_facilitator}, and this season's topics include {f_fam_topics}.",
    ],
    "start": [
        "Just show up, with no registration needed, or call {phone} with questions first.",
        "Call {phone} or email to reserve a seat so there is enough food and childcare.",
        "Register on the website or by calling {phone}; you can join the next session even if the series has started.",
        "Come a few minutes early to your first meeting and a volunteer will show you around; call {phone} with questions.",
    ],
}
