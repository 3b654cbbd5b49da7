"""Albuquerque and Eastern Kentucky, the region registry and ZIP code look-ups."""

# ruff: noqa: E501  (phrase and place data: one phrase per line reads best)

from __future__ import annotations

from functools import cache

import zipcodes

from .regions import CHICAGO, PORTLAND, Region, _s

ALBUQUERQUE = Region(
    key="albuquerque", label="Albuquerque metro", state="NM", state_name="New Mexico",
    time_zone="America/Denver", utc_offset=-7,
    certifier="Rio Grande Recovery Residence Council (demo)",
    area_codes={"Albuquerque": ("505",), "Rio Rancho": ("505",), "Los Lunas": ("505",)},
    streets={
        "Albuquerque": (
            _s("Central Ave SW", "87102", "Downtown", "ART rapid bus and ABQ RIDE Route 66 on Central Ave."),
            _s("4th St NW", "87102", "Downtown", "Alvarado Transportation Center (buses and Rail Runner) is a 5-minute walk."),
            _s("Lomas Blvd NE", "87102", "Martineztown", "ABQ RIDE Route 11 Lomas stops at the corner."),
            _s("Central Ave SE", "87106", "University Heights", "ART rapid bus at Girard or Yale station."),
            _s("Girard Blvd SE", "87106", "University Heights", "ART on Central Ave, then a 5-minute walk south."),
            _s("San Mateo Blvd SE", "87108", "International District", "ART at San Mateo station; free parking lot."),
            _s("Zuni Rd SE", "87108", "International District", "ABQ RIDE buses on Zuni Rd; ART on Central is two blocks north."),
            _s("Isleta Blvd SW", "87105", "South Valley", "ABQ RIDE bus on Isleta Blvd; large free parking lot."),
            _s("Bridge Blvd SW", "87105", "South Valley", "ABQ RIDE bus on Bridge Blvd; free parking."),
            _s("Candelaria Rd NW", "87107", "North Valley", "ABQ RIDE bus on 4th St, then a short walk; parking on site."),
            _s("Rio Grande Blvd NW", "87107", "North Valley", "ABQ RIDE bus on Rio Grande Blvd; free parking."),
            _s("Menaul Blvd NE", "87110", "Mark Twain", "ABQ RIDE Route 8 Menaul stops out front."),
            _s("Montgomery Blvd NE", "87109", "Northeast Heights", "ABQ RIDE Route 5 on Montgomery; free parking."),
            _s("Coors Blvd SW", "87121", "West Side", "ABQ RIDE buses on Coors Blvd; free parking lot."),
            _s("Unser Blvd SW", "87121", "West Side", "ABQ RIDE bus to Unser and Central, then a short walk."),
        ),
        "Rio Rancho": (
            _s("Southern Blvd SE", "87124", "Rio Rancho", "Rio Metro bus on Southern Blvd; free parking."),
            _s("Sara Rd SE", "87124", "Rio Rancho", "Free parking; call ahead and we can help arrange a ride."),
            _s("Northern Blvd NE", "87144", "north Rio Rancho", "Free parking; limited bus service, so call ahead for ride help."),
        ),
        "Los Lunas": (
            _s("Main St NW", "87031", "Los Lunas", "New Mexico Rail Runner Los Lunas station, then a short Rio Metro ride."),
            _s("Los Lentes Rd NE", "87031", "Los Lunas", "Free parking; Rio Metro bus on request."),
            _s("Emilio Lopez Rd NW", "87031", "Los Lunas", "Free parking; ask us about gas cards for appointments."),
        ),
    },
    areas=(("Bernalillo County area", -107.20, 34.87, -106.15, 35.22),
           ("Middle Rio Grande Valley", -107.20, 34.55, -106.35, 35.40)),
    extra_languages=(("Navajo", "nv", 0.14),),
    spanish_share=0.62,
)

_KY_RURAL = "No fixed-route bus; free parking. Rural demand-response transit can be booked a day ahead."

EASTERN_KENTUCKY = Region(
    key="eastern-kentucky", label="Eastern Kentucky (rural)", state="KY", state_name="Kentucky",
    time_zone="America/New_York", utc_offset=-5,
    certifier="Appalachian Recovery Residence Council (demo)",
    area_codes={city: ("606",) for city in
                ("Hazard", "Pikeville", "Prestonsburg", "Whitesburg", "Jackson", "Paintsville")},
    streets={
        "Hazard": (
            _s("Main St", "41701", "downtown Hazard", "Free parking behind the building. " + _KY_RURAL),
            _s("High St", "41701", "downtown Hazard", _KY_RURAL),
            _s("Morton Blvd", "41701", "Hazard", "Free parking lot off Morton Blvd; rides can be arranged."),
            _s("Lovern St", "41701", "Hazard", _KY_RURAL),
        ),
        "Pikeville": (
            _s("Main St", "41501", "downtown Pikeville", "Free parking in the city garage on 2nd St. " + _KY_RURAL),
            _s("Hambley Blvd", "41501", "Pikeville", "Free parking lot; rides to appointments on request."),
            _s("Division St", "41501", "downtown Pikeville", _KY_RURAL),
            _s("Huffman Ave", "41501", "Pikeville", "Free parking. Ask about gas cards for appointments."),
        ),
        "Prestonsburg": (
            _s("N Lake Dr", "41653", "Prestonsburg", "Free parking lot. " + _KY_RURAL),
            _s("S Front Ave", "41653", "downtown Prestonsburg", "Street parking; rides can be booked a day ahead."),
            _s("Court St", "41653", "downtown Prestonsburg", _KY_RURAL),
        ),
        "Whitesburg": (
            _s("Main St", "41858", "downtown Whitesburg", "Free parking across the street. " + _KY_RURAL),
            _s("Madison St", "41858", "Whitesburg", _KY_RURAL),
            _s("Webb Ave", "41858", "Whitesburg", "Free parking; we can help arrange a ride."),
        ),
        "Jackson": (
            _s("Main St", "41339", "downtown Jackson", "Street parking. " + _KY_RURAL),
            _s("Broadway St", "41339", "Jackson", _KY_RURAL),
            _s("College Ave", "41339", "Jackson", "Free parking lot beside the building."),
        ),
        "Paintsville": (
            _s("Main St", "41240", "downtown Paintsville", "Street parking. " + _KY_RURAL),
            _s("Broadway St", "41240", "Paintsville", "Free parking; rides to meetings on request."),
            _s("Euclid Ave", "41240", "Paintsville", _KY_RURAL),
        ),
    },
    areas=(("Perry, Knott and Letcher Counties area", -83.40, 36.95, -82.65, 37.45),
           ("Big Sandy region (Pike, Floyd and Johnson Counties)", -82.95, 37.25, -82.25, 37.95),
           ("Eastern Kentucky region", -83.80, 36.90, -82.20, 38.00)),
    spanish_share=0.06,
)

REGIONS: dict[str, Region] = {
    region.key: region for region in (CHICAGO, PORTLAND, ALBUQUERQUE, EASTERN_KENTUCKY)
}


@cache
def zip_centroid(zip_code: str, city: str, state: str) -> tuple[float, float]:
    """(latitude, longitude) of a ZIP code's centroid, checking that the ZIP is a standard,
    active ZIP of that city (or lists the city as acceptable, as for Milwaukie, OR)."""
    matches = zipcodes.filter_by(city=city, state=state)
    if not matches:  # towns the USPS files under a neighbouring city's name
        matches = [z for z in zipcodes.filter_by(state=state)
                   if city in z.get("acceptable_cities", [])]
    for entry in matches:
        if (entry["zip_code"] == zip_code and entry["zip_code_type"] == "STANDARD"
                and entry["active"]):
            return float(entry["lat"]), float(entry["long"])
    raise ValueError(f"{zip_code} is not a standard active ZIP code of {city}, {state}")


def check_regions() -> None:
    """Fail loudly if any street's ZIP code does not belong to its city."""
    for region in REGIONS.values():
        for city, streets in region.streets.items():
            if city not in region.area_codes:
                raise ValueError(f"{city} has no area code in {region.key}")
            for street in streets:
                zip_centroid(street.zip_code, city, region.state)
