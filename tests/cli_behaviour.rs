//! Docker 28.2.2's texts and exit codes for the situations the reference lists, line by line.
//! Each case is a short script; expectations are written from `reference.md`, not copied
//! from dockersim's output.

use dockersim::engine::Engine;
use dockersim::shell::Session;

/// Runs `setup` lines silently, then `line`, returning (stdout, stderr, exit code).
fn run(setup: &[&str], line: &str) -> (String, String, i32) {
    let mut session = Session::new(Engine::scripted(0));
    for l in setup {
        let mut ask = |_: &str| Some("y".to_string());
        session.run_line(l, &mut ask);
    }
    let mut ask = |_: &str| Some("y".to_string());
    let r = session.run_line(line, &mut ask);
    (r.output.stdout(), r.output.stderr(), r.output.exit_code)
}

const NGINX: &[&str] = &["docker pull -q nginx", "docker run -d --name web nginx"];

#[test]
fn usage_and_flag_errors() {
    let cases: &[(&str, &str, &str, i32)] = &[
        ("docker foo", "", "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n", 1),
        ("docker PS", "", "docker: unknown command: docker PS\n\nRun 'docker --help' for more information\n", 1),
        ("docker run --foo alpine", "", "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", 125),
        ("docker ps -z", "", "unknown shorthand flag: 'z' in -z\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", 125),
        ("docker stop -t abc web", "", "invalid argument \"abc\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", 125),
        ("docker run", "", "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n", 1),
        ("docker rename a", "", "docker: 'docker rename' requires 2 arguments\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRun 'docker rename --help' for more information\n", 1),
        ("docker ps a", "", "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", 1),
        ("docker images a b", "", "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'docker images --help' for more information\n", 1),
        ("docker --version", "Docker version 28.2.2, build e6534b4\n", "", 0),
    ];
    for (line, out, err, code) in cases {
        assert_eq!(
            run(&[], line),
            (out.to_string(), err.to_string(), *code),
            "{line}"
        );
    }
}

#[test]
fn container_lookup_and_state_errors() {
    let id_of_web = {
        let mut session = Session::new(Engine::scripted(0));
        let mut ask = |_: &str| None;
        for l in NGINX {
            session.run_line(l, &mut ask);
        }
        session
            .engine
            .state()
            .container_by_name("web")
            .map(|c| c.id.clone())
            .unwrap()
    };
    let cases: Vec<(Vec<&str>, &str, String, String, i32)> = vec![
        (NGINX.to_vec(), "docker rm web", String::new(),
         "Error response from daemon: cannot remove container \"web\": container is running: stop the container before removing or force remove\n".into(), 1),
        (NGINX.to_vec(), "docker rm -f xyz", String::new(), "Error response from daemon: No such container: xyz\n".into(), 0),
        (NGINX.to_vec(), "docker kill xyz", String::new(), "Error response from daemon: cannot kill container: xyz: No such container: xyz\n".into(), 1),
        (vec!["docker pull -q nginx", "docker run -d --name web nginx", "docker stop web"], "docker kill web", String::new(),
         format!("Error response from daemon: cannot kill container: web: container {id_of_web} is not running\n"), 1),
        (vec!["docker pull -q nginx", "docker run -d --name web nginx", "docker stop web"], "docker exec web ls", String::new(),
         format!("Error response from daemon: container {id_of_web} is not running\n"), 1),
        (vec!["docker pull -q nginx", "docker run -d --name web nginx", "docker pause web"], "docker exec web ls", String::new(),
         "Error response from daemon: Container web is paused, unpause the container before exec\n".into(), 1),
        (NGINX.to_vec(), "docker start web xyz", "web\n".into(),
         "Error response from daemon: No such container: xyz\nError: failed to start containers: xyz\n".into(), 1),
        (NGINX.to_vec(), "docker rename web web", String::new(),
         "Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named web\n".into(), 1),
        (NGINX.to_vec(), "docker rename xyz new", String::new(),
         "Error response from daemon: No such container: xyz\nError: failed to rename container named xyz\n".into(), 1),
        (NGINX.to_vec(), "docker create --name web nginx", String::new(),
         format!("Error response from daemon: Conflict. The container name \"/web\" is already in use by container \"{id_of_web}\". You have to remove (or rename) that container to be able to reuse that name.\n"), 1),
        (NGINX.to_vec(), "docker run --name web nginx", String::new(),
         format!("docker: Error response from daemon: Conflict. The container name \"/web\" is already in use by container \"{id_of_web}\". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n"), 125),
        (NGINX.to_vec(), "docker stop web xyz", "web\n".into(), "Error response from daemon: No such container: xyz\n".into(), 1),
        (vec![], "docker rm \"\"", String::new(), "container name cannot be empty\n".into(), 1),
    ];
    for (setup, line, out, err, code) in cases {
        assert_eq!(run(&setup, line), (out, err, code), "{line}");
    }
}

#[test]
fn run_exit_codes() {
    let cases: &[(&str, &str, i32)] = &[
        ("docker run alpine sh -c 'exit 3'", "", 3),
        ("docker run alpine true", "", 0),
        ("docker run alpine false", "", 1),
        ("docker run hello-world ls", "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"ls\": executable file not found in $PATH: unknown\n\nRun 'docker run --help' for more information\n", 127),
        ("docker run alpine /bin/bash", "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"/bin/bash\": stat /bin/bash: no such file or directory: unknown\n\nRun 'docker run --help' for more information\n", 127),
    ];
    for (line, err, code) in cases {
        let setup = ["docker pull -q alpine", "docker pull -q hello-world"];
        let (_, stderr, exit) = run(&setup, line);
        assert_eq!((stderr.as_str(), exit), (*err, *code), "{line}");
    }
}

#[test]
fn pulls_and_references() {
    let cases: &[(&str, &str, &str, i32)] = &[
        ("docker pull nonexist", "Using default tag: latest\n",
         "Error response from daemon: pull access denied for nonexist, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n", 1),
        ("docker run nonexist", "",
         "Unable to find image 'nonexist:latest' locally\ndocker: Error response from daemon: pull access denied for nonexist, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n", 125),
        ("docker create nonexist", "",
         "Unable to find image 'nonexist:latest' locally\nError response from daemon: pull access denied for nonexist, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n", 1),
        ("docker pull alpine:nope", "", "Error response from daemon: manifest for alpine:nope not found: manifest unknown: manifest unknown\n", 1),
        ("docker pull Alpine", "", "invalid reference format: repository name (library/Alpine) must be lowercase\n", 1),
        ("docker run Alpine", "", "docker: invalid reference format: repository name (library/Alpine) must be lowercase\n\nRun 'docker run --help' for more information\n", 125),
        ("docker pull -q alpine", "docker.io/library/alpine:latest\n", "", 0),
        ("docker rmi nope", "", "Error response from daemon: No such image: nope:latest\n", 1),
        ("docker rmi -f nope", "", "Error response from daemon: No such image: nope:latest\n", 0),
        ("docker tag nope x", "", "Error response from daemon: No such image: nope:latest\n", 1),
        ("docker inspect nope", "[]\n", "Error: No such object: nope\n", 1),
        ("docker load -i nonexist.tar", "", "open nonexist.tar: no such file or directory\n", 1),
        ("docker save alpine", "", "cowardly refusing to save to a terminal. Use the -o flag or redirect\n", 1),
    ];
    for (line, out, err, code) in cases {
        assert_eq!(
            run(&[], line),
            (out.to_string(), err.to_string(), *code),
            "{line}"
        );
    }
}

#[test]
fn second_pull_is_up_to_date() {
    let (out, err, code) = run(&["docker pull alpine"], "docker pull alpine");
    assert_eq!(err, "");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Using default tag: latest\nlatest: Pulling from library/alpine\nDigest: sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c\nStatus: Image is up to date for alpine:latest\ndocker.io/library/alpine:latest\n"
    );
}

#[test]
fn shared_layers_already_exist() {
    // nginx and redis both start from debian's bookworm-slim layer.
    let (out, _, _) = run(&["docker pull nginx"], "docker pull redis");
    let first_layer = out.lines().nth(2).unwrap_or_default();
    assert!(first_layer.ends_with(": Already exists "), "{out}");
}

#[test]
fn stop_waits_for_the_timeout_only_when_sigterm_is_ignored() {
    let mut session = Session::new(Engine::scripted(0));
    let mut ask = |_: &str| None;
    session.run_line("docker pull -q alpine; docker pull -q nginx", &mut ask);
    session.run_line("docker run -d --name s1 alpine sleep 1000", &mut ask);
    session.run_line("docker run -d --name n1 nginx", &mut ask);
    let t0 = session.engine.now();
    session.run_line("docker stop s1", &mut ask);
    let t1 = session.engine.now();
    assert_eq!((t1 - t0).num_seconds(), 10);
    session.run_line("docker stop n1", &mut ask);
    let t2 = session.engine.now();
    assert!((t2 - t1).num_milliseconds() < 1000);
    session.run_line("docker run -d --name k1 alpine sleep 1000", &mut ask);
    session.run_line("docker kill k1", &mut ask);
    assert_eq!(session.engine.now(), t2);
    let r = session.run_line("docker ps -a --format '{{.Names}} {{.Status}}'", &mut ask);
    assert_eq!(
        r.output.stdout(),
        "k1 Exited (137) Less than a second ago\nn1 Exited (0) Less than a second ago\ns1 Exited (137) Less than a second ago\n"
    );
    let r = session.run_line(
        "sleep 10; docker ps -a --format '{{.Names}} {{.Status}}' -f name=s",
        &mut ask,
    );
    assert_eq!(r.output.stdout(), "s1 Exited (137) 10 seconds ago\n");
}

#[test]
fn ps_column_widths_follow_docker_and_cjk_locales() {
    let mut session = Session::new(Engine::scripted(0));
    let mut ask = |_: &str| None;
    session.run_line("docker pull -q alpine", &mut ask);
    session.run_line(
        "docker create --name my-app alpine echo 안녕하세요 도커입니다",
        &mut ask,
    );
    let line = "docker ps -a --format 'table {{.Command}}\\t{{.Names}}'";
    let r = session.run_line(line, &mut ask);
    // The cell is 21 columns wide (Hangul counts 2, `…` 1): the column is 24.
    assert_eq!(
        r.output.stdout(),
        "COMMAND                 NAMES\n\"echo 안녕하세요 도…\"   my-app\n"
    );
    // In a CJK locale `…` counts 2, so the column grows to 25 while the row looks the same.
    session.cjk = true;
    let r = session.run_line(line, &mut ask);
    assert_eq!(
        r.output.stdout(),
        "COMMAND                  NAMES\n\"echo 안녕하세요 도…\"   my-app\n"
    );
}
