"""The four demo regions: real cities, real street names and ZIP codes, real area codes.

Street numbers are invented by the builders; coordinates come from the ZIP code's centroid
(``zipcodes`` package), jittered by at most 0.004 degrees so they stay inside the ZIP.
Each street is (street, ZIP, neighborhood or part of town, how to get there).
"""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Street:
    street: str
    zip_code: str
    hood: str
    transit: str


@dataclass
class Region:
    key: str
    label: str
    state: str
    state_name: str
    time_zone: str
    utc_offset: int
    certifier: str
    area_codes: dict[str, tuple[str, ...]]
    streets: dict[str, tuple[Street, ...]]
    #: (name, west, south, east, north) rectangles for GeoJSON service areas.
    areas: tuple[tuple[str, float, float, float, float], ...]
    extra_languages: tuple[tuple[str, str, float], ...] = field(default=())  # name, code, share
    spanish_share: float = 0.3


def _s(street, zip_code, hood, transit):
    return Street(street, zip_code, hood, transit)


CHICAGO = Region(
    key="chicago", label="Chicago metro", state="IL", state_name="Illinois",
    time_zone="America/Chicago", utc_offset=-6,
    certifier="Prairie State Recovery Residence Council (demo)",
    area_codes={"Chicago": ("773", "312", "872"), "Evanston": ("847", "224"),
                "Skokie": ("847", "224"), "Oak Park": ("708",), "Cicero": ("708",)},
    streets={
        "Chicago": (
            _s("N Clark St", "60614", "Lincoln Park", "CTA #22 Clark bus stops at the corner."),
            _s("W Fullerton Ave", "60614", "Lincoln Park", "Fullerton 'L' station (Red, Brown and Purple Lines) is two blocks east; CTA #74 Fullerton bus."),
            _s("N Milwaukee Ave", "60622", "Wicker Park", "Blue Line to Damen, then a short walk; CTA #56 Milwaukee bus."),
            _s("W Division St", "60622", "Ukrainian Village", "CTA #70 Division bus; Blue Line Division station is a 10-minute walk."),
            _s("W 18th St", "60608", "Pilsen", "Pink Line to 18th Street; CTA #18 bus stops out front."),
            _s("S Blue Island Ave", "60608", "Pilsen", "CTA #60 Blue Island/26th bus; Pink Line 18th Street station nearby."),
            _s("W 26th St", "60623", "Little Village", "CTA #60 Blue Island/26th bus stops a few doors down."),
            _s("N Broadway", "60640", "Uptown", "CTA #36 Broadway bus; Red Line Wilson station is a 5-minute walk."),
            _s("W Lawrence Ave", "60640", "Uptown", "CTA #81 Lawrence bus; Red Line Lawrence station."),
            _s("N Milwaukee Ave", "60647", "Logan Square", "Blue Line Logan Square station is across the street; CTA #56 bus."),
            _s("W Belmont Ave", "60618", "Avondale", "CTA #77 Belmont bus; Blue Line Belmont station is nearby."),
            _s("E 47th St", "60653", "Bronzeville", "Green Line to 47th Street; CTA #47 bus."),
            _s("S Cottage Grove Ave", "60637", "Woodlawn", "CTA #4 Cottage Grove bus; Green Line Cottage Grove station."),
            _s("E 63rd St", "60637", "Woodlawn", "Green Line to Cottage Grove; CTA #63 bus stops at the door."),
            _s("W Madison St", "60624", "West Garfield Park", "Green Line Pulaski station; CTA #20 Madison bus."),
            _s("W North Ave", "60651", "Humboldt Park", "CTA #72 North bus; free street parking on side streets."),
            _s("W Howard St", "60626", "Rogers Park", "Howard station (Red, Purple and Yellow Lines) is a block away."),
            _s("N Sheridan Rd", "60626", "Rogers Park", "CTA #151 Sheridan bus; Red Line Loyola station."),
            _s("S Halsted St", "60620", "Auburn Gresham", "CTA #8 Halsted bus stops at the corner."),
            _s("W 79th St", "60620", "Auburn Gresham", "CTA #79 bus runs late; Metra Rock Island at Gresham."),
            _s("S Kedzie Ave", "60629", "Chicago Lawn", "CTA #52 Kedzie bus; parking lot behind the building."),
            _s("W 63rd St", "60629", "Chicago Lawn", "CTA #63 bus; Orange Line Pulaski plus a short bus ride."),
            _s("S Archer Ave", "60632", "Brighton Park", "Orange Line Kedzie station; CTA #62 Archer bus."),
            _s("N Cicero Ave", "60641", "Portage Park", "CTA #54 Cicero bus; Blue Line Irving Park station."),
            _s("W Irving Park Rd", "60641", "Portage Park", "CTA #80 Irving Park bus stops in front."),
            _s("W Roosevelt Rd", "60612", "Near West Side", "CTA #12 Roosevelt bus; Pink Line Polk station."),
        ),
        "Evanston": (
            _s("Sherman Ave", "60201", "downtown Evanston", "Purple Line and Metra UP-N at Davis Street, a 5-minute walk."),
            _s("Church St", "60201", "downtown Evanston", "Davis Street 'L' and Metra stations are around the corner."),
            _s("Howard St", "60202", "south Evanston", "Howard 'L' station (Red, Purple, Yellow) is a short walk east."),
            _s("Dodge Ave", "60202", "west Evanston", "Pace buses on Dodge Ave; free parking lot."),
        ),
        "Oak Park": (
            _s("Lake St", "60302", "downtown Oak Park", "Green Line Harlem/Lake or Oak Park station; Metra UP-W Oak Park."),
            _s("Madison St", "60302", "Oak Park", "Pace bus on Madison St; Blue Line Oak Park station is a 10-minute walk."),
            _s("Roosevelt Rd", "60304", "south Oak Park", "Pace bus on Roosevelt Rd; street parking."),
            _s("Ridgeland Ave", "60304", "south Oak Park", "Blue Line Oak Park station, then a 10-minute walk south."),
        ),
        "Cicero": (
            _s("W Cermak Rd", "60804", "Cicero", "Pink Line Cicero station; Pace 322 Cermak Rd bus."),
            _s("S Cicero Ave", "60804", "Cicero", "CTA #54B South Cicero bus; parking in the rear lot."),
            _s("S Laramie Ave", "60804", "Cicero", "Pink Line to Cicero, then Pace bus on Cermak Rd."),
        ),
        "Skokie": (
            _s("Oakton St", "60076", "downtown Skokie", "Yellow Line Oakton-Skokie station is a 5-minute walk."),
            _s("Dempster St", "60076", "Skokie", "Yellow Line Dempster-Skokie terminal; Pace 250 Dempster bus."),
            _s("Touhy Ave", "60077", "east Skokie", "Pace 290 Touhy bus; free parking."),
            _s("Lincoln Ave", "60077", "Skokie", "Pace buses on Lincoln Ave; Oakton-Skokie Yellow Line nearby."),
        ),
    },
    areas=(("Cook County area", -88.26, 41.47, -87.52, 42.15),
           ("North Shore and Evanston area", -87.80, 42.00, -87.66, 42.10)),
    extra_languages=(("Polish", "pl", 0.14),),
    spanish_share=0.5,
)

PORTLAND = Region(
    key="portland", label="Portland metro", state="OR", state_name="Oregon",
    time_zone="America/Los_Angeles", utc_offset=-8,
    certifier="Cascadia Recovery Residence Council (demo)",
    area_codes={"Portland": ("503", "971"), "Gresham": ("503", "971"),
                "Beaverton": ("503", "971"), "Hillsboro": ("503", "971"),
                "Milwaukie": ("503", "971")},
    streets={
        "Portland": (
            _s("SE Hawthorne Blvd", "97214", "Hawthorne", "TriMet Line 14 stops out front; bike parking inside."),
            _s("SE Belmont St", "97214", "Buckman", "TriMet Line 15-Belmont; covered bike rack."),
            _s("NE Sandy Blvd", "97232", "Kerns", "TriMet Line 12-Sandy Blvd stops at the corner."),
            _s("NE Broadway", "97232", "Lloyd", "TriMet Line 77; MAX at Lloyd Center is a 10-minute walk."),
            _s("NE Martin Luther King Jr Blvd", "97211", "King", "TriMet Line 6-MLK Jr Blvd stops out front."),
            _s("NE Killingsworth St", "97211", "Woodlawn", "TriMet Line 72 on Killingsworth; street parking."),
            _s("NE Alberta St", "97211", "Alberta Arts District", "TriMet Line 72 at Killingsworth, then a short walk."),
            _s("SE Foster Rd", "97206", "Foster-Powell", "TriMet Line 14 on Foster Rd; free parking lot."),
            _s("SE Powell Blvd", "97206", "Creston-Kenilworth", "TriMet Line 9-Powell stops a block away."),
            _s("SE 82nd Ave", "97266", "Lents", "TriMet Line 72 on 82nd Ave; MAX Green Line at SE Foster Rd."),
            _s("SE Division St", "97266", "Powellhurst", "FX2-Division Frequent Express stops nearby."),
            _s("N Lombard St", "97203", "St. Johns", "TriMet Line 4 and Line 16 stop in downtown St. Johns."),
            _s("NW Glisan St", "97209", "Old Town", "MAX Green, Orange and Yellow Lines on the Transit Mall; Portland Streetcar."),
            _s("SW 10th Ave", "97205", "downtown Portland", "Portland Streetcar at SW 10th & Yamhill; MAX at Library station."),
            _s("SE Woodstock Blvd", "97202", "Woodstock", "TriMet Line 19-Woodstock/Glisan stops out front."),
            _s("SE 122nd Ave", "97233", "Hazelwood", "TriMet Line 73; MAX Blue Line at E 122nd Ave station."),
            _s("SE Stark St", "97233", "Mill Park", "TriMet Line 20 Burnside/Stark; parking behind the building."),
        ),
        "Gresham": (
            _s("N Main Ave", "97030", "downtown Gresham", "MAX Blue Line Gresham Central Transit Center is a 5-minute walk."),
            _s("NE Division St", "97030", "Gresham", "TriMet buses on Division St; free parking."),
            _s("NE Burnside Rd", "97030", "Gresham", "MAX Blue Line Ruby Junction/Rockwood; free parking."),
            _s("SE Powell Valley Rd", "97080", "south Gresham", "TriMet Line 9 to Gresham, then a short walk; parking lot."),
        ),
        "Beaverton": (
            _s("SW Canyon Rd", "97005", "central Beaverton", "Beaverton Transit Center (MAX Blue and Red Lines, WES) is nearby."),
            _s("SW Hall Blvd", "97005", "Old Town Beaverton", "MAX to Beaverton Central; TriMet Line 76."),
            _s("SW Broadway St", "97005", "Old Town Beaverton", "Beaverton Transit Center is a 7-minute walk."),
            _s("SW Farmington Rd", "97005", "Beaverton", "TriMet Line 52 on Farmington Rd; free parking."),
        ),
        "Hillsboro": (
            _s("E Main St", "97123", "downtown Hillsboro", "MAX Blue Line Hillsboro Central/SE 3rd Ave station."),
            _s("SE Baseline St", "97123", "Hillsboro", "MAX Blue Line Tuality Hospital/SE 8th Ave station."),
            _s("SE Tualatin Valley Hwy", "97123", "south Hillsboro", "TriMet Line 57 on TV Highway; parking lot."),
            _s("NE Cornell Rd", "97124", "north Hillsboro", "TriMet Line 48 on Cornell Rd; free parking."),
        ),
        "Milwaukie": (
            _s("SE Main St", "97222", "downtown Milwaukie", "MAX Orange Line Milwaukie/Main St station is two blocks away."),
            _s("SE McLoughlin Blvd", "97222", "Milwaukie", "TriMet Line 33 on McLoughlin; MAX Orange Line nearby."),
            _s("SE King Rd", "97222", "Milwaukie", "TriMet Line 29 stops nearby; free parking."),
            _s("SE Harrison St", "97222", "downtown Milwaukie", "MAX Orange Line Milwaukie/Main St, then a 3-minute walk."),
        ),
    },
    areas=(("Multnomah County area", -122.93, 45.43, -121.82, 45.73),
           ("Washington County area", -123.49, 45.32, -122.74, 45.78),
           ("Portland metro area", -123.20, 45.25, -122.25, 45.70)),
    extra_languages=(("Vietnamese", "vi", 0.12), ("Russian", "ru", 0.1)),
    spanish_share=0.27,
)
