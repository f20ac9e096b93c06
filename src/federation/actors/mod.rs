//! Actors: a Praxis instance has exactly one, its city; peers' cities are cached here.

pub mod city;
pub mod known;
