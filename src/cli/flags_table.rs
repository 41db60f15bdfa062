//! Per-command facts that the help texts do not show: argument-count rules, whether flags may
//! follow positionals, hidden flags, and the legacy-builder banner.
//!
//! Every row was observed on the real docker 28.2.2 client (no daemon needed): each command was
//! run with no argument, with 30 arguments and with `x --zzz`; the `requires …`/`accepts …`
//! message gave the rule, and whether `--zzz` after a positional was an `unknown flag` showed
//! interspersed parsing. Hidden flags were found by trying candidate names (`--net` etc.) and
//! confirmed in docker/cli's source (`MarkHidden`/`MarkDeprecated`).

use super::ArgRule;

/// `(canonical command path, positional-argument rule, interspersed)`.
pub(super) const ARG_RULES: &[(&str, ArgRule, bool)] = &[
    ("docker attach", ArgRule::Exact(1), true),
    ("docker build", ArgRule::Exact(1), true),
    ("docker builder build", ArgRule::Exact(1), true),
    ("docker builder prune", ArgRule::NoArgs, true),
    ("docker checkpoint create", ArgRule::Exact(2), true),
    ("docker checkpoint ls", ArgRule::Exact(1), true),
    ("docker checkpoint rm", ArgRule::Exact(2), true),
    ("docker commit", ArgRule::Range(1, 2), false),
    ("docker config create", ArgRule::Exact(2), true),
    ("docker config inspect", ArgRule::Min(1), true),
    ("docker config ls", ArgRule::NoArgs, true),
    ("docker config rm", ArgRule::Min(1), true),
    ("docker container attach", ArgRule::Exact(1), true),
    ("docker container commit", ArgRule::Range(1, 2), false),
    ("docker container cp", ArgRule::Exact(2), true),
    ("docker container create", ArgRule::Min(1), false),
    ("docker container diff", ArgRule::Exact(1), true),
    ("docker container exec", ArgRule::Min(2), false),
    ("docker container export", ArgRule::Exact(1), true),
    ("docker container inspect", ArgRule::Min(1), true),
    ("docker container kill", ArgRule::Min(1), true),
    ("docker container logs", ArgRule::Exact(1), true),
    ("docker container ls", ArgRule::NoArgs, true),
    ("docker container pause", ArgRule::Min(1), true),
    ("docker container port", ArgRule::Range(1, 2), true),
    ("docker container prune", ArgRule::NoArgs, true),
    ("docker container rename", ArgRule::Exact(2), true),
    ("docker container restart", ArgRule::Min(1), true),
    ("docker container rm", ArgRule::Min(1), true),
    ("docker container run", ArgRule::Min(1), false),
    ("docker container start", ArgRule::Min(1), true),
    ("docker container stats", ArgRule::Any, true),
    ("docker container stop", ArgRule::Min(1), true),
    ("docker container top", ArgRule::Min(1), false),
    ("docker container unpause", ArgRule::Min(1), true),
    ("docker container update", ArgRule::Min(1), true),
    ("docker container wait", ArgRule::Min(1), true),
    ("docker context create", ArgRule::Exact(1), true),
    ("docker context export", ArgRule::Range(1, 2), true),
    ("docker context import", ArgRule::Exact(2), true),
    ("docker context inspect", ArgRule::Any, true),
    ("docker context ls", ArgRule::NoArgs, true),
    ("docker context rm", ArgRule::Min(1), true),
    ("docker context show", ArgRule::NoArgs, true),
    ("docker context update", ArgRule::Exact(1), true),
    ("docker context use", ArgRule::CobraExact(1), true),
    ("docker cp", ArgRule::Exact(2), true),
    ("docker create", ArgRule::Min(1), false),
    ("docker diff", ArgRule::Exact(1), true),
    ("docker events", ArgRule::NoArgs, true),
    ("docker exec", ArgRule::Min(2), false),
    ("docker export", ArgRule::Exact(1), true),
    ("docker history", ArgRule::Exact(1), true),
    ("docker image build", ArgRule::Exact(1), true),
    ("docker image history", ArgRule::Exact(1), true),
    ("docker image import", ArgRule::Min(1), true),
    ("docker image inspect", ArgRule::Min(1), true),
    ("docker image load", ArgRule::NoArgs, true),
    ("docker image ls", ArgRule::Max(1), true),
    ("docker image prune", ArgRule::NoArgs, true),
    ("docker image pull", ArgRule::Exact(1), true),
    ("docker image push", ArgRule::Exact(1), true),
    ("docker image rm", ArgRule::Min(1), true),
    ("docker image save", ArgRule::Min(1), true),
    ("docker image tag", ArgRule::Exact(2), false),
    ("docker images", ArgRule::Max(1), true),
    ("docker import", ArgRule::Min(1), true),
    ("docker info", ArgRule::NoArgs, true),
    ("docker inspect", ArgRule::Min(1), true),
    ("docker kill", ArgRule::Min(1), true),
    ("docker load", ArgRule::NoArgs, true),
    ("docker login", ArgRule::Max(1), true),
    ("docker logout", ArgRule::Max(1), true),
    ("docker logs", ArgRule::Exact(1), true),
    ("docker manifest annotate", ArgRule::Exact(2), true),
    ("docker manifest create", ArgRule::Min(2), true),
    ("docker manifest inspect", ArgRule::Range(1, 2), true),
    ("docker manifest push", ArgRule::Exact(1), true),
    ("docker manifest rm", ArgRule::Min(1), true),
    ("docker network connect", ArgRule::Exact(2), true),
    ("docker network create", ArgRule::Exact(1), true),
    ("docker network disconnect", ArgRule::Exact(2), true),
    ("docker network inspect", ArgRule::Min(1), true),
    ("docker network ls", ArgRule::NoArgs, true),
    ("docker network prune", ArgRule::NoArgs, true),
    ("docker network rm", ArgRule::Min(1), true),
    ("docker node demote", ArgRule::Min(1), true),
    ("docker node inspect", ArgRule::Min(1), true),
    ("docker node ls", ArgRule::NoArgs, true),
    ("docker node promote", ArgRule::Min(1), true),
    ("docker node ps", ArgRule::Any, true),
    ("docker node rm", ArgRule::Min(1), true),
    ("docker node update", ArgRule::Exact(1), true),
    ("docker pause", ArgRule::Min(1), true),
    ("docker plugin create", ArgRule::Min(2), true),
    ("docker plugin disable", ArgRule::Exact(1), true),
    ("docker plugin enable", ArgRule::Exact(1), true),
    ("docker plugin inspect", ArgRule::Min(1), true),
    ("docker plugin install", ArgRule::Min(1), true),
    ("docker plugin ls", ArgRule::NoArgs, true),
    ("docker plugin push", ArgRule::Exact(1), true),
    ("docker plugin rm", ArgRule::Min(1), true),
    ("docker plugin set", ArgRule::Min(2), true),
    ("docker plugin upgrade", ArgRule::Range(1, 2), true),
    ("docker port", ArgRule::Range(1, 2), true),
    ("docker ps", ArgRule::NoArgs, true),
    ("docker pull", ArgRule::Exact(1), true),
    ("docker push", ArgRule::Exact(1), true),
    ("docker rename", ArgRule::Exact(2), true),
    ("docker restart", ArgRule::Min(1), true),
    ("docker rm", ArgRule::Min(1), true),
    ("docker rmi", ArgRule::Min(1), true),
    ("docker run", ArgRule::Min(1), false),
    ("docker save", ArgRule::Min(1), true),
    ("docker search", ArgRule::Exact(1), true),
    ("docker secret create", ArgRule::Range(1, 2), true),
    ("docker secret inspect", ArgRule::Min(1), true),
    ("docker secret ls", ArgRule::NoArgs, true),
    ("docker secret rm", ArgRule::Min(1), true),
    ("docker service create", ArgRule::Min(1), false),
    ("docker service inspect", ArgRule::Min(1), true),
    ("docker service logs", ArgRule::Exact(1), true),
    ("docker service ls", ArgRule::NoArgs, true),
    ("docker service ps", ArgRule::Min(1), true),
    ("docker service rm", ArgRule::Min(1), true),
    ("docker service rollback", ArgRule::Exact(1), true),
    ("docker service scale", ArgRule::Min(1), true),
    ("docker service update", ArgRule::Exact(1), true),
    ("docker stack config", ArgRule::NoArgs, true),
    ("docker stack deploy", ArgRule::Exact(1), true),
    ("docker stack ls", ArgRule::NoArgs, true),
    ("docker stack ps", ArgRule::Exact(1), true),
    ("docker stack rm", ArgRule::Min(1), true),
    ("docker stack services", ArgRule::Exact(1), true),
    ("docker start", ArgRule::Min(1), true),
    ("docker stats", ArgRule::Any, true),
    ("docker stop", ArgRule::Min(1), true),
    ("docker swarm ca", ArgRule::NoArgs, true),
    ("docker swarm init", ArgRule::NoArgs, true),
    ("docker swarm join", ArgRule::Exact(1), true),
    ("docker swarm join-token", ArgRule::Exact(1), true),
    ("docker swarm leave", ArgRule::NoArgs, true),
    ("docker swarm unlock", ArgRule::NoArgs, true),
    ("docker swarm unlock-key", ArgRule::NoArgs, true),
    ("docker swarm update", ArgRule::NoArgs, true),
    ("docker system df", ArgRule::NoArgs, true),
    ("docker system events", ArgRule::NoArgs, true),
    ("docker system info", ArgRule::NoArgs, true),
    ("docker system prune", ArgRule::NoArgs, true),
    ("docker tag", ArgRule::Exact(2), false),
    ("docker top", ArgRule::Min(1), false),
    ("docker trust inspect", ArgRule::Min(1), true),
    ("docker trust key generate", ArgRule::Exact(1), true),
    ("docker trust key load", ArgRule::Exact(1), true),
    ("docker trust revoke", ArgRule::Exact(1), true),
    ("docker trust sign", ArgRule::Exact(1), true),
    ("docker trust signer add", ArgRule::Min(2), true),
    ("docker trust signer remove", ArgRule::Min(2), true),
    ("docker unpause", ArgRule::Min(1), true),
    ("docker update", ArgRule::Min(1), true),
    ("docker version", ArgRule::NoArgs, true),
    ("docker volume create", ArgRule::Max(1), true),
    ("docker volume inspect", ArgRule::Min(1), true),
    ("docker volume ls", ArgRule::NoArgs, true),
    ("docker volume prune", ArgRule::NoArgs, true),
    ("docker volume rm", ArgRule::Min(1), true),
    ("docker volume update", ArgRule::Exact(1), true),
    ("docker wait", ArgRule::Min(1), true),
];

/// A flag that `--help` never lists but the parser accepts.
pub(super) struct HiddenFlag {
    /// Commands that have it.
    pub commands: &'static [&'static str],
    /// Its long name.
    pub long: &'static str,
    /// The help type word of the flag whose value it shares (`int`, `list`, `network`, …).
    pub type_name: &'static str,
    /// The visible flag it is an alias of (values are stored under that name).
    pub alias_of: Option<&'static str>,
    /// pflag's deprecation message (`Flag --x has been deprecated, <msg>` on stdout when used).
    pub deprecated: Option<&'static str>,
}

const RUN_CREATE: &[&str] = &[
    "docker run",
    "docker create",
    "docker container run",
    "docker container create",
];

/// Hidden flags, from docker/cli 28.2.2 (`container/opts.go`, `stop.go`, `restart.go`,
/// `volume/create.go`).
pub(super) const HIDDEN_FLAGS: &[HiddenFlag] = &[
    HiddenFlag {
        commands: RUN_CREATE,
        long: "net",
        type_name: "network",
        alias_of: Some("network"),
        deprecated: None,
    },
    HiddenFlag {
        commands: RUN_CREATE,
        long: "net-alias",
        type_name: "list",
        alias_of: Some("network-alias"),
        deprecated: None,
    },
    HiddenFlag {
        commands: RUN_CREATE,
        long: "dns-opt",
        type_name: "list",
        alias_of: Some("dns-option"),
        deprecated: None,
    },
    HiddenFlag {
        commands: &[
            "docker stop",
            "docker restart",
            "docker container stop",
            "docker container restart",
        ],
        long: "time",
        type_name: "int",
        alias_of: Some("timeout"),
        deprecated: Some("use --timeout instead"),
    },
    HiddenFlag {
        commands: &[
            "docker stack",
            "docker stack config",
            "docker stack deploy",
            "docker stack ls",
            "docker stack ps",
            "docker stack rm",
            "docker stack services",
        ],
        long: "orchestrator",
        type_name: "string",
        alias_of: None,
        deprecated: Some("option will be ignored"),
    },
    HiddenFlag {
        commands: &["docker volume create"],
        long: "name",
        type_name: "string",
        alias_of: None,
        deprecated: None,
    },
];

/// What the real client (no buildx plugin installed) prints on stderr before anything else for
/// the legacy-builder commands.
pub(super) const LEGACY_BUILDER_BANNER: &str =
    "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            Install the buildx component to build images with BuildKit:
            https://docs.docker.com/go/buildx/

";

/// Commands that print [`LEGACY_BUILDER_BANNER`].
pub(super) const LEGACY_BUILDER_COMMANDS: &[&str] = &[
    "docker build",
    "docker builder",
    "docker builder build",
    "docker builder prune",
    "docker image build",
];

/// Groups whose usage line in errors is not just their path (cobra's `UseLine` comes from each
/// group's `Use` string, which differs between groups). Observed with `docker <group> --zzz`.
pub(super) const GROUP_USAGE: &[(&str, &str)] = &[
    ("docker manifest", "docker manifest COMMAND"),
    ("docker stack", "docker stack [OPTIONS]"),
    ("docker volume", "docker volume COMMAND"),
];

/// Groups that print an empty line before their help when run without a subcommand (the
/// group's own `RunE` writes it; observed with `docker manifest`).
pub(super) const GROUP_BARE_PREFIX: &[(&str, &str)] = &[("docker manifest", "\n")];
