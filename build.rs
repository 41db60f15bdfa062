//! Build script: converts the simulated hub's catalog (`src/engine/hub.yaml`) to JSON in
//! `OUT_DIR`, which the program reads about ten times faster than the YAML when it starts
//! (`engine::catalog::hub`). The YAML stays the file people edit.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src/engine/hub.yaml");
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = PathBuf::from(out_dir).join("hub.json");
    let yaml = std::fs::read_to_string("src/engine/hub.yaml").unwrap_or_default();
    // A catalog the converter cannot read leaves the JSON empty: the program then parses the
    // YAML itself and reports the problem as it always did (and the catalog's tests fail).
    let json = serde_yaml::from_str::<serde_json::Value>(&yaml)
        .ok()
        .and_then(|value| serde_json::to_string(&value).ok())
        .unwrap_or_else(|| {
            println!("cargo:warning=src/engine/hub.yaml could not be converted to JSON");
            String::new()
        });
    if let Err(e) = std::fs::write(&out, json) {
        panic!("cannot write {}: {e}", out.display());
    }
}
