//! Integration tests: the real `kvitas` binary on real files.

mod eval;
mod helpers;
mod hostile_inputs;
mod scan;
mod server;
mod service;
mod workers;
