//! `docker inspect` (containers and images) and `docker version`.

use super::format::template::{self, Value};
use super::output::{failure, Output};
use super::{Ctx, Invocation};
use crate::engine::container::Container;
use crate::engine::image::Image;
use crate::engine::Engine;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value as Json};

fn rfc3339(t: Option<DateTime<Utc>>) -> String {
    match t {
        Some(t) => t.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string(),
        None => "0001-01-01T00:00:00Z".to_string(),
    }
}

fn string_list(v: &[String]) -> Json {
    Json::Array(v.iter().map(|s| Json::String(s.clone())).collect())
}

/// The container object of `docker inspect`, keys in the daemon's order.
pub fn container_json(c: &Container) -> Json {
    let s = &c.state;
    let mut ports = Map::new();
    for p in &c.config.exposed_ports {
        ports.insert(p.clone(), json!({}));
    }
    let mut bindings = Map::new();
    for b in &c.host.port_bindings {
        let key = format!("{}/{}", b.container_port, b.proto);
        let entry = bindings.entry(key).or_insert_with(|| json!([]));
        if let Json::Array(list) = entry {
            list.push(json!({"HostIp": if b.host_ip == "0.0.0.0" { "" } else { &b.host_ip }, "HostPort": b.host_port.to_string()}));
        }
    }
    let labels: Map<String, Json> = c
        .config
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), Json::String(v.clone())))
        .collect();
    let mut config = json!({
        "Hostname": c.config.hostname,
        "Domainname": "",
        "User": c.config.user,
        "AttachStdin": c.config.open_stdin,
        "AttachStdout": true,
        "AttachStderr": true,
    });
    if let Json::Object(obj) = &mut config {
        if !ports.is_empty() {
            obj.insert("ExposedPorts".into(), Json::Object(ports));
        }
        obj.insert("Tty".into(), json!(c.config.tty));
        obj.insert("OpenStdin".into(), json!(c.config.open_stdin));
        obj.insert("StdinOnce".into(), json!(c.config.open_stdin));
        obj.insert("Env".into(), string_list(&c.config.env));
        obj.insert(
            "Cmd".into(),
            if c.config.cmd.is_empty() {
                Json::Null
            } else {
                string_list(&c.config.cmd)
            },
        );
        obj.insert("Image".into(), json!(c.config.image));
        obj.insert("Volumes".into(), Json::Null);
        obj.insert("WorkingDir".into(), json!(c.config.working_dir));
        obj.insert(
            "Entrypoint".into(),
            if c.config.entrypoint.is_empty() {
                Json::Null
            } else {
                string_list(&c.config.entrypoint)
            },
        );
        obj.insert("OnBuild".into(), Json::Null);
        obj.insert("Labels".into(), Json::Object(labels));
        if c.config.stop_signal_set {
            obj.insert("StopSignal".into(), json!(c.config.stop_signal));
        }
        if let Some(t) = c.config.stop_timeout {
            obj.insert("StopTimeout".into(), json!(t));
        }
    }
    json!({
        "Id": c.id,
        "Created": rfc3339(Some(c.created)),
        "Path": c.path,
        "Args": string_list(&c.args),
        "State": {
            "Status": s.status.as_str(),
            "Running": c.is_running(),
            "Paused": s.status == crate::engine::Status::Paused,
            "Restarting": s.status == crate::engine::Status::Restarting,
            "OOMKilled": false,
            "Dead": s.status == crate::engine::Status::Dead,
            "Pid": if c.is_running() { s.pid } else { 0 },
            "ExitCode": s.exit_code,
            "Error": s.error,
            "StartedAt": rfc3339(s.started_at),
            "FinishedAt": rfc3339(s.finished_at),
        },
        "Image": format!("sha256:{}", c.image_id),
        "ResolvConfPath": format!("/var/lib/docker/containers/{}/resolv.conf", c.id),
        "HostnamePath": format!("/var/lib/docker/containers/{}/hostname", c.id),
        "HostsPath": format!("/var/lib/docker/containers/{}/hosts", c.id),
        "LogPath": format!("/var/lib/docker/containers/{0}/{0}-json.log", c.id),
        "Name": format!("/{}", c.name),
        "RestartCount": c.restart_count,
        "Driver": "overlay2",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "docker-default",
        "ExecIDs": Json::Null,
        "HostConfig": {
            "Binds": Json::Null,
            "NetworkMode": "bridge",
            "PortBindings": Json::Object(bindings),
            "RestartPolicy": {
                "Name": c.host.restart.name(),
                "MaximumRetryCount": match c.host.restart {
                    crate::engine::container::RestartPolicy::OnFailure(Some(n)) => n,
                    _ => 0,
                },
            },
            "AutoRemove": c.host.auto_remove,
        },
        "GraphDriver": {
            "Data": {
                "MergedDir": format!("/var/lib/docker/overlay2/{}/merged", &c.id[..12]),
                "UpperDir": format!("/var/lib/docker/overlay2/{}/diff", &c.id[..12]),
            },
            "Name": "overlay2",
        },
        "Mounts": [],
        "Config": config,
        "NetworkSettings": {
            "Bridge": "",
            "IPAddress": if c.is_running() { "172.17.0.2" } else { "" },
            "Networks": { "bridge": { "NetworkID": "", "Gateway": if c.is_running() { "172.17.0.1" } else { "" } } },
        },
    })
}

/// The image object of `docker inspect`.
pub fn image_json(img: &Image) -> Json {
    let ports: Map<String, Json> = img
        .config
        .exposed_ports
        .iter()
        .map(|p| (p.clone(), json!({})))
        .collect();
    let mut config = json!({
        "User": img.config.user,
        "Env": string_list(&img.config.env),
        "Cmd": if img.config.cmd.is_empty() { Json::Null } else { string_list(&img.config.cmd) },
        "WorkingDir": img.config.working_dir,
        "Entrypoint": if img.config.entrypoint.is_empty() { Json::Null } else { string_list(&img.config.entrypoint) },
        "Labels": Json::Object(img.config.labels.iter().map(|(k, v)| (k.clone(), json!(v))).collect()),
    });
    if let (Json::Object(obj), false) = (&mut config, ports.is_empty()) {
        obj.insert("ExposedPorts".into(), Json::Object(ports));
    }
    if let (Json::Object(obj), Some(sig)) = (&mut config, &img.config.stop_signal) {
        obj.insert("StopSignal".into(), json!(sig));
    }
    json!({
        "Id": format!("sha256:{}", img.id),
        "RepoTags": img.tags.iter().map(|t| t.familiar()).collect::<Vec<_>>(),
        "RepoDigests": img.digests.iter().map(|(r, d)| format!("{}@{d}", crate::engine::image::familiar_repository(r))).collect::<Vec<_>>(),
        "Parent": img.parent,
        "Comment": img.comment,
        "Created": rfc3339(Some(img.created)),
        "DockerVersion": "",
        "Author": img.author,
        "Config": config,
        "Architecture": img.architecture,
        "Os": "linux",
        "Size": img.size,
        "GraphDriver": { "Data": Json::Null, "Name": "overlay2" },
        "RootFS": {
            "Type": "layers",
            "Layers": img.layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>(),
        },
        "Metadata": { "LastTagTime": "0001-01-01T00:00:00Z" },
    })
}

/// Go's `json.MarshalIndent(v, "", "    ")`, with its HTML escaping.
pub fn go_json_indent(v: &Json) -> String {
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    if serde::Serialize::serialize(v, &mut ser).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&buf)
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// serde_json → template value (Go decodes JSON into maps, so fields never "fail").
pub fn json_to_value(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::Int(n.as_i64().unwrap_or(0)),
        Json::String(s) => Value::Str(s.clone()),
        Json::Array(a) => Value::List(a.iter().map(json_to_value).collect()),
        Json::Object(o) => Value::Map(
            o.iter()
                .map(|(k, v)| (k.clone(), json_to_value(v)))
                .collect(),
        ),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Any,
    Container,
    Image,
}

fn inspect_kind(engine: &mut Engine, inv: &Invocation, kind: Kind) -> Output {
    let kind = match (kind, inv.string("type").as_deref()) {
        (Kind::Any, Some("container")) => Kind::Container,
        (Kind::Any, Some("image")) => Kind::Image,
        (Kind::Any, Some(other)) if !other.is_empty() => {
            return failure(format!("\"{other}\" is not a valid value for --type"), 1)
        }
        (k, _) => k,
    };
    let format = inv.string("format");
    let tpl = match &format {
        Some(f) if !f.is_empty() && f != "json" => {
            let spec = template::pre_format(f);
            match template::parse(&spec.template) {
                Ok(t) => Some(t),
                Err(e) => return failure(e.to_string(), 1),
            }
        }
        _ => None,
    };
    let mut out = Output::new();
    let mut found: Vec<Json> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for reference in inv.args() {
        let mut hit = None;
        if kind != Kind::Image {
            if let Ok(id) = engine.resolve_container(reference) {
                hit = engine.state().container(&id).map(container_json);
            }
        }
        if hit.is_none() && kind != Kind::Container {
            if let Ok(Some(id)) = engine.find_image(reference) {
                hit = engine.state().image(&id).map(image_json);
            }
        }
        match hit {
            Some(j) => found.push(j),
            // The docker 28 client refuses an empty name before asking the daemon.
            None if reference.is_empty() => errors.push(match kind {
                Kind::Image => "Error: No such image: ".to_string(),
                Kind::Any | Kind::Container => super::output::EMPTY_CONTAINER.to_string(),
            }),
            None => errors.push(match kind {
                Kind::Any => format!("Error: No such object: {reference}"),
                Kind::Container => {
                    format!("Error response from daemon: No such container: {reference}")
                }
                Kind::Image => format!(
                    "Error response from daemon: No such image: {}",
                    crate::engine::images::familiar_or_raw(reference)
                ),
            }),
        }
    }
    match tpl {
        Some(t) => {
            for j in &found {
                match t.execute(&json_to_value(j), false) {
                    Ok(text) => {
                        out.outln(text);
                    }
                    Err(e) => return failure(e.to_string(), 1),
                }
            }
        }
        None => {
            out.outln(go_json_indent(&Json::Array(found)));
        }
    }
    for e in &errors {
        out.errln(e);
    }
    if !errors.is_empty() {
        out.code(1);
    }
    out
}

/// `docker inspect`.
pub fn inspect(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    inspect_kind(engine, inv, Kind::Any)
}

/// `docker container inspect`.
pub fn container_inspect(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    inspect_kind(engine, inv, Kind::Container)
}

/// `docker image inspect`.
pub fn image_inspect(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    inspect_kind(engine, inv, Kind::Image)
}

/// The `docker version` text (client values are the real 28.2.2 ones).
pub const VERSION_TEXT: &str = "Client:
 Version:           28.2.2
 API version:       1.50
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:14 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          28.2.2
  API version:      1.50 (minimum version 1.24)
  Go version:       go1.24.3
  Git commit:       45873be
  Built:            Fri May 30 12:07:14 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.7.27
  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da
 runc:
  Version:          1.2.5
  GitCommit:        v1.2.5-0-g59923ef
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
";

/// `docker version`.
pub fn version(_engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.string("format").is_some() {
        return failure(
            "dockersim: docker version --format 은 아직 흉내 내지 않습니다.",
            1,
        );
    }
    let mut out = Output::new();
    out.out(VERSION_TEXT);
    out
}
