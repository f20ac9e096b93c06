//! JSON shapes of the API: cities and items as a reader sees them.

pub mod city;
mod item;

pub use city::{CityProfile, CityView, RelationView, city_profile};
pub use item::{ItemDetail, ItemView, LoadedItem, ReplyView, TextsView, load_items};
