//! The network's map: where cities and items are, drawn on the base map of Europe shipped with
//! Praxis, or on a tile server's tiles when an admin named one (`[map] tile_url`).
//!
//! Either way the page draws one inline SVG whose width is 1000 units, so that markers keep
//! their size whatever the background; only the projection differs.

use std::f64::consts::PI;

use crate::{
    config::MapSettings,
    domain::{city::Location, sanitize::escape_text},
};

/// Europe from Natural Earth (public domain), drawn by `scripts/make-base-map` in the projection
/// of [`shipped_projection`].
const BASE_MAP: &str = include_str!("../../static/map/europe.svg");

/// The base map's height in its own units.
const BASE_MAP_HEIGHT: f64 = 845.0;

/// The part of the world both maps show, in degrees: the shipped base map's frame.
const WEST: f64 = -25.0;
const EAST: f64 = 45.0;
const NORTH: f64 = 72.0;
const SOUTH: f64 = 34.0;

/// The map's width in its own units.
const WIDTH: f64 = 1000.0;

/// A tile's side in pixels, the same on every common tile server.
const TILE_PIXELS: f64 = 256.0;

/// The base map opened for markers: without its closing tag, not a single image (its markers
/// are links a keyboard and a screen reader reach), and without its own `<style>`, which the
/// pages' Content-Security-Policy would refuse: the stylesheet colours it.
static OPEN_BASE_MAP: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let map = BASE_MAP
        .trim_end()
        .trim_end_matches("</svg>")
        .replacen(" role=\"img\"", "", 1);
    match (map.find("<style>"), map.find("</style>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &map[..start], &map[end + "</style>".len()..])
        }
        _ => map,
    }
});

/// How the map is drawn.
pub enum NetworkMap<'a> {
    /// On the base map shipped with Praxis: nothing is fetched from elsewhere.
    Shipped,
    /// On tiles from the configured server.
    Tiles(&'a MapSettings, &'a str),
}

impl<'a> NetworkMap<'a> {
    pub fn new(settings: &'a MapSettings) -> Self {
        match settings.tiles() {
            Some(template) => NetworkMap::Tiles(settings, template),
            None => NetworkMap::Shipped,
        }
    }

    /// Where a point falls on the map, in its units; `None` off the map.
    pub fn project(&self, location: Location) -> Option<(f64, f64)> {
        match self {
            NetworkMap::Shipped => shipped_projection(location),
            NetworkMap::Tiles(..) => {
                let (x, y) = (mercator_x(location.longitude), mercator_y(location.latitude));
                let (west, north) = (mercator_x(WEST), mercator_y(NORTH));
                let scale = WIDTH / (mercator_x(EAST) - west);
                let (x, y) = ((x - west) * scale, (y - north) * scale);
                ((0.0..=WIDTH).contains(&x) && (0.0..=self.height()).contains(&y)).then_some((x, y))
            }
        }
    }

    /// The map's height in its units.
    fn height(&self) -> f64 {
        match self {
            NetworkMap::Shipped => BASE_MAP_HEIGHT,
            NetworkMap::Tiles(..) => {
                (mercator_y(SOUTH) - mercator_y(NORTH)) * WIDTH / (mercator_x(EAST) - mercator_x(WEST))
            }
        }
    }

    /// The map's SVG up to where the markers go: its opening tag and background, without the
    /// closing tag.
    pub fn opening(&self) -> String {
        let NetworkMap::Tiles(settings, template) = self else {
            return OPEN_BASE_MAP.clone();
        };
        let height = self.height();
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.1}\">\n\
             <title>Europe</title>\n<rect class=\"sea\" x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height:.1}\"/>\n"
        );
        let zoom = settings.zoom;
        let world = TILE_PIXELS * f64::from(1u32 << zoom);
        let (west, north) = (mercator_x(WEST) * world, mercator_y(NORTH) * world);
        let (east, south) = (mercator_x(EAST) * world, mercator_y(SOUTH) * world);
        let scale = WIDTH / (east - west);
        let side = TILE_PIXELS * scale;
        let tile_range =
            |from: f64, to: f64| (from / TILE_PIXELS) as u32..=((to - 1e-9) / TILE_PIXELS) as u32;
        for y in tile_range(north, south) {
            for x in tile_range(west, east) {
                let href = template
                    .replace("{z}", &zoom.to_string())
                    .replace("{x}", &x.to_string())
                    .replace("{y}", &y.to_string());
                let left = (f64::from(x) * TILE_PIXELS - west) * scale;
                let top = (f64::from(y) * TILE_PIXELS - north) * scale;
                svg.push_str(&format!(
                    "<image href=\"{}\" x=\"{left:.2}\" y=\"{top:.2}\" width=\"{side:.2}\" height=\"{side:.2}\" class=\"tile\"/>\n",
                    escape_text(&href)
                ));
            }
        }
        svg
    }

    /// Whom the map's background must credit, when it is not the shipped base map.
    pub fn attribution(&self) -> Option<&'a str> {
        match self {
            NetworkMap::Shipped => None,
            NetworkMap::Tiles(settings, _) => Some(settings.attribution.trim()),
        }
    }
}

/// Where a point falls on the shipped base map (viewBox 0 0 1000 [`BASE_MAP_HEIGHT`]): longitude
/// −25° to 45°, latitude 34° to 72°, degrees of longitude shortened by cos 50° so that central
/// Europe keeps its shape.
fn shipped_projection(location: Location) -> Option<(f64, f64)> {
    let x = (location.longitude - WEST) * WIDTH / (EAST - WEST);
    let y = (NORTH - location.latitude) * WIDTH / (EAST - WEST) / 50f64.to_radians().cos();
    ((0.0..=WIDTH).contains(&x) && (0.0..=BASE_MAP_HEIGHT).contains(&y)).then_some((x, y))
}

/// Web Mercator, as tile servers cut the world: 0 at 180° W, 1 at 180° E.
fn mercator_x(longitude: f64) -> f64 {
    (longitude + 180.0) / 360.0
}

/// Web Mercator: 0 at the top of the world's square (about 85° N), 1 at its bottom.
fn mercator_y(latitude: f64) -> f64 {
    let phi = latitude.to_radians();
    (1.0 - phi.tan().asinh() / PI) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(latitude: f64, longitude: f64) -> Location {
        Location::new(latitude, longitude).unwrap()
    }

    #[test]
    fn cities_land_where_they_are_and_the_base_map_holds_its_own_projection() {
        let (x, y) = NetworkMap::Shipped.project(at(42.6977, 23.3219)).unwrap();
        assert!(
            (x - 690.3).abs() < 0.5 && (y - 651.3).abs() < 0.5,
            "Sofia at {x}, {y}"
        );
        assert_eq!(
            NetworkMap::Shipped.project(at(-33.9, 18.4)),
            None,
            "Cape Town is off the map"
        );
        assert!(
            BASE_MAP.contains(&format!("viewBox=\"0 0 1000 {BASE_MAP_HEIGHT}\"")),
            "the base map's size"
        );
        assert!(!NetworkMap::Shipped.opening().contains("<style>"));
    }

    /// The tile a point is on, by the formula every slippy map uses.
    fn tile_of(location: Location, zoom: u8) -> (u32, u32) {
        let n = f64::from(1u32 << zoom);
        let lat = location.latitude.to_radians();
        let x = (location.longitude + 180.0) / 360.0 * n;
        let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * n;
        (x as u32, y as u32)
    }

    #[test]
    fn on_tiles_each_point_falls_on_the_tile_that_shows_it() {
        let settings = MapSettings {
            tile_url: "https://tiles.example.org/{z}/{x}/{y}.png?a=1&b=2".into(),
            attribution: "© OpenStreetMap contributors".into(),
            zoom: 5,
        };
        let map = NetworkMap::new(&settings);
        let svg = map.opening();
        assert!(svg.contains("?a=1&amp;b=2"), "the address is escaped");
        let tiles: Vec<(String, f64, f64, f64)> = svg
            .lines()
            .filter(|l| l.starts_with("<image"))
            .map(|line| {
                let attr = |name: &str| {
                    let start = line.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                    line[start..start + line[start..].find('"').unwrap()].to_string()
                };
                let number = |name: &str| attr(name).parse::<f64>().unwrap();
                (attr("href"), number("x"), number("y"), number("width"))
            })
            .collect();
        for (name, place) in [
            ("Sofia", at(42.6977, 23.3219)),
            ("Campobasso", at(41.5603, 14.6627)),
            ("Lisbon", at(38.7223, -9.1393)),
            ("Helsinki", at(60.1699, 24.9384)),
        ] {
            let (x, y) = map.project(place).unwrap();
            let under: Vec<&String> = tiles
                .iter()
                .filter(|(_, left, top, side)| {
                    (*left..left + side).contains(&x) && (*top..top + side).contains(&y)
                })
                .map(|(href, ..)| href)
                .collect();
            let (tx, ty) = tile_of(place, 5);
            assert_eq!(
                under,
                [&format!("https://tiles.example.org/5/{tx}/{ty}.png?a=1&amp;b=2")],
                "{name} at {x}, {y}"
            );
        }
        assert_eq!(map.project(at(-33.9, 18.4)), None, "Cape Town is off the map");
    }
}
