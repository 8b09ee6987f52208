//! The kvitas application: the command line and the service.
//!
//! `kvitas scan` runs the extraction engine over files and directories with no
//! server; see [`scan`]. `kvitas serve` runs the HTTP API ([`api`]) with its
//! workers ([`worker`]) on a [`store`] and a [`blob`] store; [`app::App`]
//! assembles them.

pub mod api;
pub mod app;
pub mod bench;
pub mod bench_service;
pub mod blob;
pub mod cli;
pub mod config;
pub mod eval;
pub mod inputs;
pub mod keys;
pub mod ocr_cache;
pub mod ocr_env;
pub mod output;
pub mod scan;
pub mod serve;
pub mod signing;
pub mod store;
pub mod worker;
