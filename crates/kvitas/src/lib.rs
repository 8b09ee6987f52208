//! The kvitas application: command line, and (in time) the service.
//!
//! `kvitas scan` runs the extraction engine over files and directories with no
//! server; see [`scan`].

pub mod bench;
pub mod cli;
pub mod eval;
pub mod inputs;
pub mod ocr_env;
pub mod output;
pub mod scan;
