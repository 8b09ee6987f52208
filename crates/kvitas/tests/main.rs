//! Integration tests: the real `kvitas` binary on real files.

/// Runs each named `async fn(Backend)` of the invoking module as two tests,
/// `sqlite::NAME` and `postgres::NAME`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::server::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::server::Backend::Postgres).await
                }
            )*
        }
    };
}

mod eval;
mod helpers;
mod hostile_inputs;
mod scan;
mod server;
mod service;
mod uploads;
mod workers;
