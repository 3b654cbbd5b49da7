"""Fictional organizations of the Albuquerque metro and rural Eastern Kentucky, and the
registry of organizations by region (service codes as in ``orgs_a``)."""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

from .orgs_a import CHICAGO_ORGS, PORTLAND_ORGS, Org

ALBUQUERQUE_ORGS = (
    Org("Sandia Peer Recovery Network", "Albuquerque", "Northeast Heights", "peer", "M Mv MH",
      "The network was founded by peers who got sober in the shadow of the Sandias and wanted the Northeast Heights to have a recovery home base."),
    Org("Los Compadres Recovery Center", "Albuquerque", "South Valley", "peer", "M FE MH",
      "Los Compadres started around a kitchen table in the South Valley and still feels like a family gathering, in English and in Spanish.",
      langs=("es",)),
    Org("Girard Avenue Recovery Commons", "Albuquerque", "University Heights", "rco", "R MH E",
      "Students, veterans and neighbors in recovery share the commons near the university, which stays busy from morning coffee to evening meetings."),
    Org("Río Grande Family Recovery Center", "Albuquerque", "North Valley", "family", "FC FEv T",
      "Families along the river started the center after realizing that the loved ones of people with addiction needed care of their own.",
      langs=("es",)),
    Org("Red Mesa Recovery Circle", "Albuquerque", "International District", "peer", "M MH FC",
      "Diné and Pueblo peers created the circle to blend traditional ways of healing with peer recovery support for Native people living in the city.",
      langs=("nv",)),
    Org("Bosque Sober Living Homes", "Albuquerque", "South Valley", "housing", "Hm Hw H",
      "Bosque runs three adobe-style homes near the cottonwoods along the Rio Grande, each with a shared garden and a weekly house meeting."),
    Org("Casa Alborada Women's Recovery Home", "Albuquerque", "Martineztown", "housing", "Hw Hw M",
      "Alborada means dawn; the home was started by women in recovery who wanted mothers to be able to rebuild their lives close to their children.",
      langs=("es",)),
    Org("West Mesa Recovery Works", "Albuquerque", "West Side", "employment", "E E M",
      "West Mesa Recovery Works connects people in recovery with construction, solar and hospitality employers on the West Side."),
    Org("Rio Rancho Recovery Alliance", "Rio Rancho", None, "peer", "M MH FE",
      "The alliance was formed by parents, pastors and people in recovery who wanted Sandoval County to have support close to home."),
    Org("Sandoval Sober Homes", "Rio Rancho", "north Rio Rancho", "housing", "Hm H",
      "Sandoval Sober Homes opened its first house in 2019 and keeps its rules simple: stay sober, show up and look out for each other."),
    Org("Valencia County Recovery Network", "Los Lunas", None, "rco", "R MH FC",
      "The network grew out of a community meeting in Los Lunas where dozens of families said they were tired of driving to Albuquerque for help."),
    Org("Valle del Sur Recovery Rides", "Los Lunas", None, "transportation", "X M",
      "Valle del Sur's volunteer drivers cover the long distances of Valencia County so people can get to treatment, court, work and meetings.",
      langs=("es",)),
    Org("High Desert Telehealth Recovery", "Albuquerque", "Downtown", "telehealth", "T T Mn",
      "High Desert's counselors and peers reach people across New Mexico by phone and video, including many who live hours from the nearest clinic."),
    Org("Fourth Street Recovery Commons", "Albuquerque", "Downtown", "rco", "R MHv",
      "A downtown recovery community center a short walk from the transit center, open to anyone who walks through the door."),
    Org("Montgomery House Recovery Residences", "Albuquerque", "Northeast Heights", "housing", "H FC",
      "Montgomery House combines a certified recovery residence with family counseling, so relationships can heal while residents settle in."),
    Org("Mark Twain Peer Mentors", "Albuquerque", "Mark Twain", "peer", "M R FE",
      "A neighborhood peer program whose mentors meet people at home, at the bus stop or over a green chile breakfast."),
)

EASTERN_KENTUCKY_ORGS = (
    Org("Hazard Hope House", "Hazard", "Hazard", "housing", "Hm Hw M",
      "Hazard Hope House opened in 2015 in a former boarding house on the hill above downtown and has been full almost every night since."),
    Org("Perry County Peer Recovery Network", "Hazard", "downtown Hazard", "peer", "M MH FE",
      "The network's peer coaches grew up in these hollers and know that recovery here means rides, jobs and family as much as meetings."),
    Org("Troublesome Creek Family Recovery", "Jackson", "Jackson", "family", "FC FE T",
      "Named for the creek that runs through Breathitt County, the program was started by grandparents raising grandchildren because of addiction."),
    Org("Pikeville Recovery Commons", "Pikeville", "downtown Pikeville", "rco", "R MH M",
      "A recovery community center on Main Street where people gather for meetings, GED help, job leads and Friday-night cornhole."),
    Org("Big Sandy Sober Living", "Pikeville", "Pikeville", "housing", "Hm H",
      "Big Sandy Sober Living was started by a coal miner in long-term recovery who turned his family's old home into a house for men getting back on their feet."),
    Org("Levisa Fork Recovery Works", "Pikeville", None, "employment", "E E",
      "Levisa Fork Recovery Works partners with local employers, from hospitals to heavy-equipment shops, who pledge to hire people in recovery."),
    Org("Floyd County Recovery Alliance", "Prestonsburg", None, "peer", "M MH FE FC",
      "The alliance was formed after a community forum at the local college where hundreds of people showed up to ask what they could do."),
    Org("Middle Creek Women's Recovery Home", "Prestonsburg", None, "housing", "Hw H",
      "Middle Creek offers women a safe, homey place to live in recovery, often while they work to reunite with their children."),
    Org("Letcher County Recovery Fellowship", "Whitesburg", "downtown Whitesburg", "rco", "R MH M",
      "Musicians, miners and church folks started the fellowship in a Main Street storefront, and there is still a guitar in the corner for anyone who wants to play."),
    Org("Pine Mountain Recovery Homes", "Whitesburg", None, "housing", "Hm Hw",
      "Pine Mountain runs two homes in Letcher County with a simple idea: recovery is easier when you have a good porch and good neighbors."),
    Org("Breathitt County Peer Support Center", "Jackson", "downtown Jackson", "peer", "M MH X",
      "The center was started by a recovery coach who spent years driving people to meetings in her own truck before anyone paid her to do it."),
    Org("Paintsville Second Chances Recovery Center", "Paintsville", "downtown Paintsville", "peer", "M FE R",
      "Second Chances opened in 2018 in a former hardware store and is a place where nobody's past is held against them."),
    Org("Appalachian Night Line", "Hazard", "Hazard", "warmline", "Mn Mv T",
      "Peers across the mountains answer the Night Line from their own kitchens, because some of the hardest hours in recovery come after dark."),
    Org("Johnson County Family Recovery Circle", "Paintsville", None, "family", "FC FE MHv",
      "Parents and grandparents in Johnson County started the circle so families would have somewhere to turn that was not an hour's drive away."),
)

ORGS_BY_REGION = {
    "chicago": CHICAGO_ORGS,
    "portland": PORTLAND_ORGS,
    "albuquerque": ALBUQUERQUE_ORGS,
    "eastern-kentucky": EASTERN_KENTUCKY_ORGS,
}
