//! Tells the test suite whether a PostgreSQL database is available for the PostgreSQL variants
//! of the storage and federation tests (they are marked ignored, with the reason, otherwise).

fn main() {
    println!("cargo::rustc-check-cfg=cfg(praxis_pg)");
    println!("cargo::rerun-if-env-changed=PRAXIS_TEST_DATABASE_URL");
    if std::env::var("PRAXIS_TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty()) {
        println!("cargo::rustc-cfg=praxis_pg");
    }
}
