"""Fictional organizations of the Chicago and Portland metros.

Each org: name, city, neighborhood (picks the street of its main office; None = any),
kind (shapes its description), services offered, and a one-sentence story.

Service codes: M mentorship/peer coaching, Mv by phone or video, Mn overnight peer warmline;
FC family counseling; FE family education/support group, FEv online; MH mutual-help meetings,
MHv online, MHn late-night meeting; R recovery community center, Rn late-night drop-in;
H recovery residence, Hw for women, Hm for men; E employment; T telehealth counseling,
Tn late-evening telehealth; X transportation.
"""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Org:
    name: str
    city: str
    hood: str | None
    kind: str
    services: str
    story: str
    langs: tuple[str, ...] = ()      # language codes offered by every service of the org
    alternate_name: str | None = None
    extra: dict = field(default_factory=dict)


CHICAGO_ORGS = (
    Org("Lakeshore Peer Recovery Alliance", "Chicago", "Uptown", "peer", "M Mn MHn",
      "Founded in 2009 by a handful of Uptown neighbors in long-term recovery who wanted peer support to be as easy to find as the corner store.",
      alternate_name="LPRA"),
    Org("Casa Camino Pilsen Recovery Center", "Chicago", "Pilsen", "peer", "M FE MH",
      "It began as a Spanish-language support circle in a parish hall on 18th Street and grew into a bilingual peer center run by people from the neighborhood.",
      langs=("es",), alternate_name="Casa Camino"),
    Org("Bronzeville Recovery Collective", "Chicago", "Bronzeville", "rco", "R MH M E",
      "The collective grew out of a Sunday-evening meeting that outgrew three church basements in a single year."),
    Org("Northwest Side Family Recovery Network", "Chicago", "Portage Park", "family", "FC FE FEv",
      "Parents who lost sons and daughters to overdose started the network so that no family on the Northwest Side would have to go through it alone."),
    Org("Humboldt Park Sober Living Cooperative", "Chicago", "Humboldt Park", "housing", "Hm Hw H",
      "The cooperative runs resident-led recovery homes in greystones around the park, each with a house meeting every Sunday night.",
      langs=("es",)),
    Org("Woodlawn Women's Recovery Residence", "Chicago", "Woodlawn", "housing", "Hw Hw M",
      "Its first home opened in 2014 in a two-flat donated by a retired schoolteacher who wanted it to be a place of second chances."),
    Org("Second Shift Employment Partners", "Chicago", "Near West Side", "employment", "E E M",
      "Second Shift works with a network of recovery-friendly employers across the city, from bakeries and print shops to machine shops and warehouses."),
    Org("Rogers Park Recovery Commons", "Chicago", "Rogers Park", "rco", "R Rn MH",
      "A storefront drop-in center near the Howard 'L' where the coffee is always on and somebody is always around to talk."),
    Org("Avondale Peer Mentor Project", "Chicago", "Avondale", "peer", "M M Mv",
      "The project trains people with at least two years of recovery to mentor others and pays every mentor a living wage."),
    Org("Familias en Recuperación La Villita", "Chicago", "Little Village", "family", "FC FE M",
      "Mothers from Little Village founded the group after years of driving across the city to find help in Spanish for their families.",
      langs=("es",), alternate_name="FER La Villita"),
    Org("Westside Sober Homes Association", "Chicago", "West Garfield Park", "housing", "Hm H E",
      "Formed by three house managers who pooled their homes, their rules and their waiting lists to make recovery housing on the West Side easier to get into."),
    Org("Logan Square Recovery Circle", "Chicago", "Logan Square", "meetings", "MH MHv MH",
      "The circle hosts more than a dozen weekly meetings in a former print shop a block from the Logan Square monument."),
    Org("Greater Auburn Gresham Recovery Fellowship", "Chicago", "Auburn Gresham", "rco", "R MH FE",
      "Seven neighborhood congregations came together in 2016 to open a recovery fellowship that welcomes people of every faith and of none."),
    Org("Brighton Park Puentes Peer Support", "Chicago", "Brighton Park", "peer", "M FE",
      "Puentes means bridges, and its peer coaches, most of them bilingual, help people cross from treatment back into everyday life.",
      langs=("es",)),
    Org("Nowy Dzień Recovery Center", "Chicago", "Portage Park", "peer", "M MH FC",
      "Nowy Dzień (New Day) was started by Polish-speaking families on the Northwest Side who wanted recovery support in the language they speak at home.",
      langs=("pl",)),
    Org("Riverbend Telehealth Recovery Counseling", "Chicago", "Near West Side", "telehealth", "T T FC",
      "A group of licensed counselors who moved their recovery practice online so people could get help without taking time off work or finding a ride."),
    Org("Sheridan Shore Recovery Center", "Evanston", "downtown Evanston", "peer", "M MH FE R",
      "The center has welcomed people from Evanston and the North Shore since 1998 in a bright second-floor space a few steps from the Davis Street station."),
    Org("Church Street Recovery Homes", "Evanston", "downtown Evanston", "housing", "Hw Hm",
      "Church Street runs two quiet recovery homes near downtown Evanston, close to work, classes and the lake."),
    Org("Oak Park Family Recovery Circle", "Oak Park", "downtown Oak Park", "family", "FC FE",
      "A counselor and two parents in recovery started the circle in a library meeting room, and families still describe it as the room where they stopped feeling ashamed."),
    Org("Ridgeland Recovery Residences", "Oak Park", "south Oak Park", "housing", "H Hm Hw",
      "Ridgeland operates three certified homes on tree-lined blocks of Oak Park, each led by a live-in house manager in recovery."),
    Org("Cicero Caminos Recovery Center", "Cicero", None, "peer", "M MH FE",
      "The center opened on Cermak Road in 2012 and offers nearly everything in English and Spanish.",
      langs=("es",)),
    Org("Westside Recovery Rides", "Cicero", None, "transportation", "X X",
      "Volunteer drivers, most of them in recovery themselves, started giving rides to meetings and appointments when the last late-night bus route was cut."),
    Org("Niles Center Peer Recovery", "Skokie", "downtown Skokie", "peer", "M Mv MH",
      "Named after Skokie's original name, the group meets people where they are, from the Oakton Yellow Line stop to a phone call on a hard night."),
    Org("North Shore Family Recovery Institute", "Skokie", None, "family", "FC FC T",
      "Family therapists and people in recovery founded the institute to treat addiction as something that happens to a whole family."),
    Org("Southside Second Chance Works", "Chicago", "Chicago Lawn", "employment", "E E R",
      "Second Chance Works was started by a union electrician in recovery who wanted others to have the same shot at a trade that he had."),
    Org("Lincoln Park Recovery Residences", "Chicago", "Lincoln Park", "housing", "Hw Hm H",
      "The organization has run recovery homes in Lincoln Park since 2003, close to the lake, to jobs and to dozens of weekly meetings."),
    Org("Kedzie Avenue Recovery House", "Chicago", "Chicago Lawn", "housing", "Hm M",
      "A single large house on the Southwest Side where men in early recovery live together, cook together and hold each other accountable."),
    Org("Mile Marker Recovery Transit", "Chicago", "Near West Side", "transportation", "X",
      "Mile Marker runs two wheelchair-accessible vans so that getting to treatment, court dates and job interviews is never the reason someone misses them."),
    Org("Open Line Chicago Peer Warmline", "Chicago", "Ukrainian Village", "warmline", "Mn Mv T",
      "Open Line was started by peers who remembered how long the nights were in early recovery and wanted someone to pick up the phone."),
    Org("Wicker Park Recovery Arts Collective", "Chicago", "Wicker Park", "rco", "R MH M",
      "Artists and musicians in recovery opened the collective's studio so creative people would have a sober place to make things together."),
)

PORTLAND_ORGS = (
    Org("Hawthorne Peer Recovery Collective", "Portland", "Hawthorne", "peer", "M Mv MH",
      "The collective began in 2011 as a Saturday morning walk-and-talk group on Mount Tabor and now runs a busy peer center on Hawthorne."),
    Org("Alberta Street Recovery Mentors", "Portland", "Alberta Arts District", "peer", "M M FC",
      "Alberta Street Recovery Mentors was founded by Black and Indigenous peers in Northeast Portland who wanted mentors who looked like the people they serve."),
    Org("Cascade Family Recovery Center", "Portland", "Buckman", "family", "FC FE FEv",
      "The center was started by a family nurse and a father in recovery who met at a parent group and wished it had existed sooner."),
    Org("Lents Recovery Commons", "Portland", "Lents", "rco", "R MH M",
      "Neighbors in recovery turned a vacant storefront on 82nd Avenue into a community room, a kitchen and a place to charge your phone."),
    Org("Foster-Powell Sober Living", "Portland", "Foster-Powell", "housing", "Hm Hw H",
      "Foster-Powell Sober Living runs three houses in Southeast Portland, each with a garden the residents plant together every spring."),
    Org("St. Johns Recovery Homes", "Portland", "St. Johns", "housing", "Hw H",
      "Two houses near the St. Johns Bridge where residents share chores, a weekly dinner and a commitment to each other's recovery."),
    Org("Old Town Recovery Drop-In", "Portland", "Old Town", "rco", "R MHn M",
      "The drop-in has kept its doors open in Old Town since 2005 for anyone who wants a sober place to be, day or night."),
    Org("Willamette Night Line", "Portland", "downtown Portland", "warmline", "Mn Tn",
      "Peers and counselors answer the Night Line from home across the metro so that nobody in recovery has to sit alone with a craving at 1 am."),
    Org("Kerns Family Counseling Collective", "Portland", "Kerns", "family", "FC FC T",
      "A small team of licensed family therapists who specialize in addiction, recovery and the relationships around them."),
    Org("Beaverton Recovery Alliance", "Beaverton", "Old Town Beaverton", "peer", "M MH FE",
      "Started by parents, peers and a retired police chaplain, the alliance brought the first peer recovery center to Washington County."),
    Org("Beaverton Bridges House", "Beaverton", "central Beaverton", "housing", "Hm Hw",
      "Bridges House opened in 2017 with eight beds and a promise to keep a light on for anyone coming home from treatment."),
    Org("Hillsboro Recovery Connections", "Hillsboro", "downtown Hillsboro", "peer", "M MH E",
      "Hillsboro Recovery Connections serves the west side of the metro in English and Spanish, with many of its peer staff from farmworking families.",
      langs=("es",)),
    Org("Tualatin Valley Recovery Residences", "Hillsboro", "south Hillsboro", "housing", "H Hw",
      "Tualatin Valley's homes are a short walk from the MAX, so residents can keep jobs across the metro while they settle into recovery."),
    Org("Gresham Recovery Network", "Gresham", "downtown Gresham", "rco", "R MH M FC",
      "The network started in a borrowed church fellowship hall and is now East County's recovery community center."),
    Org("East County Sober Homes", "Gresham", None, "housing", "Hm H",
      "East County Sober Homes was founded by two former residents who went on to manage the houses that once helped them."),
    Org("Milwaukie Riverfront Recovery Center", "Milwaukie", "downtown Milwaukie", "peer", "M FE MH",
      "A peer center a few blocks from the Willamette where people gather for meetings, coaching and Friday-night potlucks."),
    Org("Bridgetown Recovery Works", "Portland", "King", "employment", "E E M",
      "Bridgetown Recovery Works began as a job club in a coffee shop and now places people in recovery with more than sixty employers."),
    Org("Woodstock Peer Support Center", "Portland", "Woodstock", "peer", "M Mv FC",
      "The center sits on a quiet stretch of Woodstock Boulevard and is known for matching every newcomer with a peer within a week."),
    Org("Southeast Multicultural Recovery Partners", "Portland", "Powellhurst", "peer", "M FE MH",
      "Vietnamese, Russian-speaking and Latino community members formed the partnership so newcomers to Portland could find recovery support in their own languages.",
      langs=("vi", "ru")),
    Org("Hazelwood Recovery Homes", "Portland", "Hazelwood", "housing", "Hw Hm H",
      "Hazelwood runs three homes in outer East Portland near the MAX Blue Line, each with a house manager who has lived in one of them."),
    Org("Lloyd District Recovery Rides", "Portland", "Lloyd", "transportation", "X X",
      "Lloyd District Recovery Rides pairs volunteer drivers with people who need a lift to treatment, meetings and job interviews across the metro."),
    Org("Mill Park Mutual Aid Meetings", "Portland", "Mill Park", "meetings", "MH MHv R",
      "A volunteer-run meeting house that hosts every pathway of recovery under one roof, from twelve-step to secular and harm-reduction groups."),
    Org("Pacific Crest Telehealth Recovery", "Portland", "downtown Portland", "telehealth", "T Mv",
      "Pacific Crest's counselors and peers work entirely by video and phone so people in rural Oregon get the same support as people in the city."),
    Org("Creston Recovery Employment Collaborative", "Portland", "Creston-Kenilworth", "employment", "E E R",
      "The collaborative was started by small-business owners in Southeast Portland who had hired people in recovery and wanted more employers to do the same."),
)
