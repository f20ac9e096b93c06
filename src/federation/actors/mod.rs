//! Actors: a Praxis instance has exactly one, its city.

pub mod city;
