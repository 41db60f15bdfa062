//! Table-driven tests of the docker argument parser against the real docker 28.2.2 client.
//!
//! Every `Want::Exit` row was produced by running the real client (28.2.2, build e6534b4) with
//! that argv and recording stdout, stderr and the exit status verbatim; the client talked to a
//! stub engine answering `/_ping` with API 1.50 (the setup `help.txt` was captured with), and
//! `$HOME` was `/root`, replaced by dockersim's `/home/learner` in the top-level help. `Want::Run`
//! rows are command lines the real client accepted and sent to the engine.

use super::*;

enum Want {
    Exit {
        stdout: &'static str,
        stderr: &'static str,
        code: i32,
    },
    Run {
        path: &'static str,
        stdout_notice: &'static str,
    },
}

/// Captured verbatim (see the module documentation).
const TEXT_1: &str = "Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  exec        Execute a command in a running container\n  ps          List containers\n  build       Build an image from a Dockerfile\n  pull        Download an image from a registry\n  push        Upload an image to a registry\n  images      List images\n  login       Authenticate to a registry\n  logout      Log out from a registry\n  search      Search Docker Hub for images\n  version     Show the Docker version information\n  info        Display system-wide information\n\nManagement Commands:\n  builder     Manage builds\n  checkpoint  Manage checkpoints\n  container   Manage containers\n  context     Manage contexts\n  image       Manage images\n  manifest    Manage Docker image manifests and manifest lists\n  network     Manage networks\n  plugin      Manage plugins\n  system      Manage Docker\n  trust       Manage trust on Docker images\n  volume      Manage volumes\n\nSwarm Commands:\n  config      Manage Swarm configs\n  node        Manage Swarm nodes\n  secret      Manage Swarm secrets\n  service     Manage Swarm services\n  stack       Manage Swarm stacks\n  swarm       Manage Swarm\n\nCommands:\n  attach      Attach local standard input, output, and error streams to a running container\n  commit      Create a new image from a container's changes\n  cp          Copy files/folders between a container and the local filesystem\n  create      Create a new container\n  diff        Inspect changes to files or directories on a container's filesystem\n  events      Get real time events from the server\n  export      Export a container's filesystem as a tar archive\n  history     Show the history of an image\n  import      Import the contents from a tarball to create a filesystem image\n  inspect     Return low-level information on Docker objects\n  kill        Kill one or more running containers\n  load        Load an image from a tar archive or STDIN\n  logs        Fetch the logs of a container\n  pause       Pause all processes within one or more containers\n  port        List port mappings or a specific mapping for the container\n  rename      Rename a container\n  restart     Restart one or more containers\n  rm          Remove one or more containers\n  rmi         Remove one or more images\n  save        Save one or more images to a tar archive (streamed to STDOUT by default)\n  start       Start one or more stopped containers\n  stats       Display a live stream of container(s) resource usage statistics\n  stop        Stop one or more running containers\n  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n  top         Display the running processes of a container\n  unpause     Unpause all processes within one or more containers\n  update      Update configuration of one or more containers\n  wait        Block until one or more containers stop, then print their exit codes\n\nGlobal Options:\n      --config string      Location of client config files (default\n                           \"/home/learner/.docker\")\n  -c, --context string     Name of the context to use to connect to the\n                           daemon (overrides DOCKER_HOST env var and\n                           default context set with \"docker context use\")\n  -D, --debug              Enable debug mode\n  -H, --host list          Daemon socket to connect to\n  -l, --log-level string   Set the logging level (\"debug\", \"info\",\n                           \"warn\", \"error\", \"fatal\") (default \"info\")\n      --tls                Use TLS; implied by --tlsverify\n      --tlscacert string   Trust certs signed only by this CA (default\n                           \"/home/learner/.docker/ca.pem\")\n      --tlscert string     Path to TLS certificate file (default\n                           \"/home/learner/.docker/cert.pem\")\n      --tlskey string      Path to TLS key file (default\n                           \"/home/learner/.docker/key.pem\")\n      --tlsverify          Use TLS and verify the remote\n  -v, --version            Print version information and quit\n\nRun 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n";

/// Captured verbatim (see the module documentation).
const TEXT_2: &str = "Flag shorthand -h has been deprecated, use --help\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  exec        Execute a command in a running container\n  ps          List containers\n  build       Build an image from a Dockerfile\n  pull        Download an image from a registry\n  push        Upload an image to a registry\n  images      List images\n  login       Authenticate to a registry\n  logout      Log out from a registry\n  search      Search Docker Hub for images\n  version     Show the Docker version information\n  info        Display system-wide information\n\nManagement Commands:\n  builder     Manage builds\n  checkpoint  Manage checkpoints\n  container   Manage containers\n  context     Manage contexts\n  image       Manage images\n  manifest    Manage Docker image manifests and manifest lists\n  network     Manage networks\n  plugin      Manage plugins\n  system      Manage Docker\n  trust       Manage trust on Docker images\n  volume      Manage volumes\n\nSwarm Commands:\n  config      Manage Swarm configs\n  node        Manage Swarm nodes\n  secret      Manage Swarm secrets\n  service     Manage Swarm services\n  stack       Manage Swarm stacks\n  swarm       Manage Swarm\n\nCommands:\n  attach      Attach local standard input, output, and error streams to a running container\n  commit      Create a new image from a container's changes\n  cp          Copy files/folders between a container and the local filesystem\n  create      Create a new container\n  diff        Inspect changes to files or directories on a container's filesystem\n  events      Get real time events from the server\n  export      Export a container's filesystem as a tar archive\n  history     Show the history of an image\n  import      Import the contents from a tarball to create a filesystem image\n  inspect     Return low-level information on Docker objects\n  kill        Kill one or more running containers\n  load        Load an image from a tar archive or STDIN\n  logs        Fetch the logs of a container\n  pause       Pause all processes within one or more containers\n  port        List port mappings or a specific mapping for the container\n  rename      Rename a container\n  restart     Restart one or more containers\n  rm          Remove one or more containers\n  rmi         Remove one or more images\n  save        Save one or more images to a tar archive (streamed to STDOUT by default)\n  start       Start one or more stopped containers\n  stats       Display a live stream of container(s) resource usage statistics\n  stop        Stop one or more running containers\n  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n  top         Display the running processes of a container\n  unpause     Unpause all processes within one or more containers\n  update      Update configuration of one or more containers\n  wait        Block until one or more containers stop, then print their exit codes\n\nGlobal Options:\n      --config string      Location of client config files (default\n                           \"/home/learner/.docker\")\n  -c, --context string     Name of the context to use to connect to the\n                           daemon (overrides DOCKER_HOST env var and\n                           default context set with \"docker context use\")\n  -D, --debug              Enable debug mode\n  -H, --host list          Daemon socket to connect to\n  -l, --log-level string   Set the logging level (\"debug\", \"info\",\n                           \"warn\", \"error\", \"fatal\") (default \"info\")\n      --tls                Use TLS; implied by --tlsverify\n      --tlscacert string   Trust certs signed only by this CA (default\n                           \"/home/learner/.docker/ca.pem\")\n      --tlscert string     Path to TLS certificate file (default\n                           \"/home/learner/.docker/cert.pem\")\n      --tlskey string      Path to TLS key file (default\n                           \"/home/learner/.docker/key.pem\")\n      --tlsverify          Use TLS and verify the remote\n  -v, --version            Print version information and quit\n\nRun 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n";

/// Captured verbatim (see the module documentation).
const TEXT_3: &str = "Usage:  docker ps [OPTIONS]\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n\nOptions:\n  -a, --all             Show all containers (default shows just running)\n  -f, --filter filter   Filter output based on conditions provided\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n  -n, --last int        Show n last created containers (includes all\n                        states) (default -1)\n  -l, --latest          Show the latest created container (includes all\n                        states)\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only display container IDs\n  -s, --size            Display total file sizes\n";

/// Captured verbatim (see the module documentation).
const TEXT_4: &str = "Usage:  docker container COMMAND\n\nManage containers\n\nCommands:\n  attach      Attach local standard input, output, and error streams to a running container\n  commit      Create a new image from a container's changes\n  cp          Copy files/folders between a container and the local filesystem\n  create      Create a new container\n  diff        Inspect changes to files or directories on a container's filesystem\n  exec        Execute a command in a running container\n  export      Export a container's filesystem as a tar archive\n  inspect     Display detailed information on one or more containers\n  kill        Kill one or more running containers\n  logs        Fetch the logs of a container\n  ls          List containers\n  pause       Pause all processes within one or more containers\n  port        List port mappings or a specific mapping for the container\n  prune       Remove all stopped containers\n  rename      Rename a container\n  restart     Restart one or more containers\n  rm          Remove one or more containers\n  run         Create and run a new container from an image\n  start       Start one or more stopped containers\n  stats       Display a live stream of container(s) resource usage statistics\n  stop        Stop one or more running containers\n  top         Display the running processes of a container\n  unpause     Unpause all processes within one or more containers\n  update      Update configuration of one or more containers\n  wait        Block until one or more containers stop, then print their exit codes\n\nRun 'docker container COMMAND --help' for more information on a command.\n";

/// Captured verbatim (see the module documentation).
const TEXT_5: &str = "Usage:  docker image COMMAND\n\nManage images\n\nCommands:\n  build       Build an image from a Dockerfile\n  history     Show the history of an image\n  import      Import the contents from a tarball to create a filesystem image\n  inspect     Display detailed information on one or more images\n  load        Load an image from a tar archive or STDIN\n  ls          List images\n  prune       Remove unused images\n  pull        Download an image from a registry\n  push        Upload an image to a registry\n  rm          Remove one or more images\n  save        Save one or more images to a tar archive (streamed to STDOUT by default)\n  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n\nRun 'docker image COMMAND --help' for more information on a command.\n";

/// Captured verbatim (see the module documentation).
const TEXT_6: &str = "Flag shorthand -h has been deprecated, use --help\nUsage:  docker container COMMAND\n\nManage containers\n\nCommands:\n  attach      Attach local standard input, output, and error streams to a running container\n  commit      Create a new image from a container's changes\n  cp          Copy files/folders between a container and the local filesystem\n  create      Create a new container\n  diff        Inspect changes to files or directories on a container's filesystem\n  exec        Execute a command in a running container\n  export      Export a container's filesystem as a tar archive\n  inspect     Display detailed information on one or more containers\n  kill        Kill one or more running containers\n  logs        Fetch the logs of a container\n  ls          List containers\n  pause       Pause all processes within one or more containers\n  port        List port mappings or a specific mapping for the container\n  prune       Remove all stopped containers\n  rename      Rename a container\n  restart     Restart one or more containers\n  rm          Remove one or more containers\n  run         Create and run a new container from an image\n  start       Start one or more stopped containers\n  stats       Display a live stream of container(s) resource usage statistics\n  stop        Stop one or more running containers\n  top         Display the running processes of a container\n  unpause     Unpause all processes within one or more containers\n  update      Update configuration of one or more containers\n  wait        Block until one or more containers stop, then print their exit codes\n\nRun 'docker container COMMAND --help' for more information on a command.\n";

/// Captured verbatim (see the module documentation).
const TEXT_7: &str = "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n\nAliases:\n  docker container run, docker run\n\nOptions:\n      --add-host list                    Add a custom host-to-IP mapping\n                                         (host:ip)\n      --annotation map                   Add an annotation to the\n                                         container (passed through to the\n                                         OCI runtime) (default map[])\n  -a, --attach list                      Attach to STDIN, STDOUT or STDERR\n      --blkio-weight uint16              Block IO (relative weight),\n                                         between 10 and 1000, or 0 to\n                                         disable (default 0)\n      --blkio-weight-device list         Block IO weight (relative device\n                                         weight) (default [])\n      --cap-add list                     Add Linux capabilities\n      --cap-drop list                    Drop Linux capabilities\n      --cgroup-parent string             Optional parent cgroup for the\n                                         container\n      --cgroupns string                  Cgroup namespace to use\n                                         (host|private)\n                                         'host':    Run the container in\n                                         the Docker host's cgroup\n                                         namespace\n                                         'private': Run the container in\n                                         its own private cgroup namespace\n                                         '':        Use the cgroup\n                                         namespace as configured by the\n                                                    default-cgroupns-mode\n                                         option on the daemon (default)\n      --cidfile string                   Write the container ID to the file\n      --cpu-count int                    CPU count (Windows only)\n      --cpu-percent int                  CPU percent (Windows only)\n      --cpu-period int                   Limit CPU CFS (Completely Fair\n                                         Scheduler) period\n      --cpu-quota int                    Limit CPU CFS (Completely Fair\n                                         Scheduler) quota\n      --cpu-rt-period int                Limit CPU real-time period in\n                                         microseconds\n      --cpu-rt-runtime int               Limit CPU real-time runtime in\n                                         microseconds\n  -c, --cpu-shares int                   CPU shares (relative weight)\n      --cpus decimal                     Number of CPUs\n      --cpuset-cpus string               CPUs in which to allow execution\n                                         (0-3, 0,1)\n      --cpuset-mems string               MEMs in which to allow execution\n                                         (0-3, 0,1)\n  -d, --detach                           Run container in background and\n                                         print container ID\n      --detach-keys string               Override the key sequence for\n                                         detaching a container\n      --device list                      Add a host device to the container\n      --device-cgroup-rule list          Add a rule to the cgroup allowed\n                                         devices list\n      --device-read-bps list             Limit read rate (bytes per\n                                         second) from a device (default [])\n      --device-read-iops list            Limit read rate (IO per second)\n                                         from a device (default [])\n      --device-write-bps list            Limit write rate (bytes per\n                                         second) to a device (default [])\n      --device-write-iops list           Limit write rate (IO per second)\n                                         to a device (default [])\n      --disable-content-trust            Skip image verification (default\n                                         true)\n      --dns list                         Set custom DNS servers\n      --dns-option list                  Set DNS options\n      --dns-search list                  Set custom DNS search domains\n      --domainname string                Container NIS domain name\n      --entrypoint string                Overwrite the default ENTRYPOINT\n                                         of the image\n  -e, --env list                         Set environment variables\n      --env-file list                    Read in a file of environment\n                                         variables\n      --expose list                      Expose a port or a range of ports\n      --gpus gpu-request                 GPU devices to add to the\n                                         container ('all' to pass all GPUs)\n      --group-add list                   Add additional groups to join\n      --health-cmd string                Command to run to check health\n      --health-interval duration         Time between running the check\n                                         (ms|s|m|h) (default 0s)\n      --health-retries int               Consecutive failures needed to\n                                         report unhealthy\n      --health-start-interval duration   Time between running the check\n                                         during the start period\n                                         (ms|s|m|h) (default 0s)\n      --health-start-period duration     Start period for the container\n                                         to initialize before starting\n                                         health-retries countdown\n                                         (ms|s|m|h) (default 0s)\n      --health-timeout duration          Maximum time to allow one check\n                                         to run (ms|s|m|h) (default 0s)\n      --help                             Print usage\n  -h, --hostname string                  Container host name\n      --init                             Run an init inside the container\n                                         that forwards signals and reaps\n                                         processes\n  -i, --interactive                      Keep STDIN open even if not attached\n      --io-maxbandwidth bytes            Maximum IO bandwidth limit for\n                                         the system drive (Windows only)\n      --io-maxiops uint                  Maximum IOps limit for the\n                                         system drive (Windows only)\n      --ip string                        IPv4 address (e.g., 172.30.100.104)\n      --ip6 string                       IPv6 address (e.g., 2001:db8::33)\n      --ipc string                       IPC mode to use\n      --isolation string                 Container isolation technology\n      --kernel-memory bytes              Kernel memory limit\n  -l, --label list                       Set meta data on a container\n      --label-file list                  Read in a line delimited file of\n                                         labels\n      --link list                        Add link to another container\n      --link-local-ip list               Container IPv4/IPv6 link-local\n                                         addresses\n      --log-driver string                Logging driver for the container\n      --log-opt list                     Log driver options\n      --mac-address string               Container MAC address (e.g.,\n                                         92:d0:c6:0a:29:33)\n  -m, --memory bytes                     Memory limit\n      --memory-reservation bytes         Memory soft limit\n      --memory-swap bytes                Swap limit equal to memory plus\n                                         swap: '-1' to enable unlimited swap\n      --memory-swappiness int            Tune container memory swappiness\n                                         (0 to 100) (default -1)\n      --mount mount                      Attach a filesystem mount to the\n                                         container\n      --name string                      Assign a name to the container\n      --network network                  Connect a container to a network\n      --network-alias list               Add network-scoped alias for the\n                                         container\n      --no-healthcheck                   Disable any container-specified\n                                         HEALTHCHECK\n      --oom-kill-disable                 Disable OOM Killer\n      --oom-score-adj int                Tune host's OOM preferences\n                                         (-1000 to 1000)\n      --pid string                       PID namespace to use\n      --pids-limit int                   Tune container pids limit (set\n                                         -1 for unlimited)\n      --platform string                  Set platform if server is\n                                         multi-platform capable\n      --privileged                       Give extended privileges to this\n                                         container\n  -p, --publish list                     Publish a container's port(s) to\n                                         the host\n  -P, --publish-all                      Publish all exposed ports to\n                                         random ports\n      --pull string                      Pull image before running\n                                         (\"always\", \"missing\", \"never\")\n                                         (default \"missing\")\n  -q, --quiet                            Suppress the pull output\n      --read-only                        Mount the container's root\n                                         filesystem as read only\n      --restart string                   Restart policy to apply when a\n                                         container exits (default \"no\")\n      --rm                               Automatically remove the\n                                         container and its associated\n                                         anonymous volumes when it exits\n      --runtime string                   Runtime to use for this container\n      --security-opt list                Security Options\n      --shm-size bytes                   Size of /dev/shm\n      --sig-proxy                        Proxy received signals to the\n                                         process (default true)\n      --stop-signal string               Signal to stop the container\n      --stop-timeout int                 Timeout (in seconds) to stop a\n                                         container\n      --storage-opt list                 Storage driver options for the\n                                         container\n      --sysctl map                       Sysctl options (default map[])\n      --tmpfs list                       Mount a tmpfs directory\n  -t, --tty                              Allocate a pseudo-TTY\n      --ulimit ulimit                    Ulimit options (default [])\n      --use-api-socket                   Bind mount Docker API socket and\n                                         required auth\n  -u, --user string                      Username or UID (format:\n                                         <name|uid>[:<group|gid>])\n      --userns string                    User namespace to use\n      --uts string                       UTS namespace to use\n  -v, --volume list                      Bind mount a volume\n      --volume-driver string             Optional volume driver for the\n                                         container\n      --volumes-from list                Mount volumes from the specified\n                                         container(s)\n  -w, --workdir string                   Working directory inside the\n                                         container\n";

/// Captured verbatim (see the module documentation).
const TEXT_8: &str = "Usage:  docker container ls [OPTIONS]\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n\nOptions:\n  -a, --all             Show all containers (default shows just running)\n  -f, --filter filter   Filter output based on conditions provided\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n  -n, --last int        Show n last created containers (includes all\n                        states) (default -1)\n  -l, --latest          Show the latest created container (includes all\n                        states)\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only display container IDs\n  -s, --size            Display total file sizes\n";

/// Captured verbatim (see the module documentation).
const TEXT_9: &str = "Usage:  docker build [OPTIONS] PATH | URL | -\n\nBuild an image from a Dockerfile\n\nAliases:\n  docker image build, docker build, docker builder build\n\nOptions:\n      --add-host list           Add a custom host-to-IP mapping (\"host:ip\")\n      --build-arg list          Set build-time variables\n      --cache-from strings      Images to consider as cache sources\n      --cgroup-parent string    Set the parent cgroup for the \"RUN\"\n                                instructions during build\n      --compress                Compress the build context using gzip\n      --cpu-period int          Limit the CPU CFS (Completely Fair\n                                Scheduler) period\n      --cpu-quota int           Limit the CPU CFS (Completely Fair\n                                Scheduler) quota\n  -c, --cpu-shares int          CPU shares (relative weight)\n      --cpuset-cpus string      CPUs in which to allow execution (0-3, 0,1)\n      --cpuset-mems string      MEMs in which to allow execution (0-3, 0,1)\n      --disable-content-trust   Skip image verification (default true)\n  -f, --file string             Name of the Dockerfile (Default is\n                                \"PATH/Dockerfile\")\n      --force-rm                Always remove intermediate containers\n      --iidfile string          Write the image ID to the file\n      --isolation string        Container isolation technology\n      --label list              Set metadata for an image\n  -m, --memory bytes            Memory limit\n      --memory-swap bytes       Swap limit equal to memory plus swap: -1\n                                to enable unlimited swap\n      --network string          Set the networking mode for the RUN\n                                instructions during build (default \"default\")\n      --no-cache                Do not use cache when building the image\n      --platform string         Set platform if server is multi-platform\n                                capable\n      --pull                    Always attempt to pull a newer version of\n                                the image\n  -q, --quiet                   Suppress the build output and print image\n                                ID on success\n      --rm                      Remove intermediate containers after a\n                                successful build (default true)\n      --security-opt strings    Security options\n      --shm-size bytes          Size of \"/dev/shm\"\n      --squash                  Squash newly built layers into a single\n                                new layer\n  -t, --tag list                Name and optionally a tag in the\n                                \"name:tag\" format\n      --target string           Set the target build stage to build.\n      --ulimit ulimit           Ulimit options (default [])\n";

/// Captured verbatim (see the module documentation).
const TEXT_10: &str = "Flag shorthand -h has been deprecated, use --help\nUsage:  docker ps [OPTIONS]\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n\nOptions:\n  -a, --all             Show all containers (default shows just running)\n  -f, --filter filter   Filter output based on conditions provided\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n  -n, --last int        Show n last created containers (includes all\n                        states) (default -1)\n  -l, --latest          Show the latest created container (includes all\n                        states)\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only display container IDs\n  -s, --size            Display total file sizes\n";

/// Captured verbatim (see the module documentation).
const TEXT_11: &str = "Usage:  docker network ls [OPTIONS]\n\nList networks\n\nAliases:\n  docker network ls, docker network list\n\nOptions:\n  -f, --filter filter   Provide filter values (e.g. \"driver=bridge\")\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n      --no-trunc        Do not truncate the output\n  -q, --quiet           Only display network IDs\n";

/// Captured verbatim (see the module documentation).
const TEXT_12: &str = "Usage:  docker builder build [OPTIONS] PATH | URL | -\n\nBuild an image from a Dockerfile\n\nAliases:\n  docker image build, docker build, docker builder build\n\nOptions:\n      --add-host list           Add a custom host-to-IP mapping (\"host:ip\")\n      --build-arg list          Set build-time variables\n      --cache-from strings      Images to consider as cache sources\n      --cgroup-parent string    Set the parent cgroup for the \"RUN\"\n                                instructions during build\n      --compress                Compress the build context using gzip\n      --cpu-period int          Limit the CPU CFS (Completely Fair\n                                Scheduler) period\n      --cpu-quota int           Limit the CPU CFS (Completely Fair\n                                Scheduler) quota\n  -c, --cpu-shares int          CPU shares (relative weight)\n      --cpuset-cpus string      CPUs in which to allow execution (0-3, 0,1)\n      --cpuset-mems string      MEMs in which to allow execution (0-3, 0,1)\n      --disable-content-trust   Skip image verification (default true)\n  -f, --file string             Name of the Dockerfile (Default is\n                                \"PATH/Dockerfile\")\n      --force-rm                Always remove intermediate containers\n      --iidfile string          Write the image ID to the file\n      --isolation string        Container isolation technology\n      --label list              Set metadata for an image\n  -m, --memory bytes            Memory limit\n      --memory-swap bytes       Swap limit equal to memory plus swap: -1\n                                to enable unlimited swap\n      --network string          Set the networking mode for the RUN\n                                instructions during build (default \"default\")\n      --no-cache                Do not use cache when building the image\n      --platform string         Set platform if server is multi-platform\n                                capable\n      --pull                    Always attempt to pull a newer version of\n                                the image\n  -q, --quiet                   Suppress the build output and print image\n                                ID on success\n      --rm                      Remove intermediate containers after a\n                                successful build (default true)\n      --security-opt strings    Security options\n      --shm-size bytes          Size of \"/dev/shm\"\n      --squash                  Squash newly built layers into a single\n                                new layer\n  -t, --tag list                Name and optionally a tag in the\n                                \"name:tag\" format\n      --target string           Set the target build stage to build.\n      --ulimit ulimit           Ulimit options (default [])\n";

/// Captured verbatim (see the module documentation).
const TEXT_13: &str = "Flag shorthand -h has been deprecated, use --help\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n\nAliases:\n  docker image ls, docker image list, docker images\n\nOptions:\n  -a, --all             Show all images (default hides intermediate images)\n      --digests         Show digests\n  -f, --filter filter   Filter output based on conditions provided\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only show image IDs\n      --tree            List multi-platform images as a tree (EXPERIMENTAL)\n";

/// Captured verbatim (see the module documentation).
const TEXT_14: &str = "Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n\nAliases:\n  docker container exec, docker exec\n\nOptions:\n  -d, --detach               Detached mode: run command in the background\n      --detach-keys string   Override the key sequence for detaching a\n                             container\n  -e, --env list             Set environment variables\n      --env-file list        Read in a file of environment variables\n  -i, --interactive          Keep STDIN open even if not attached\n      --privileged           Give extended privileges to the command\n  -t, --tty                  Allocate a pseudo-TTY\n  -u, --user string          Username or UID (format:\n                             \"<name|uid>[:<group|gid>]\")\n  -w, --workdir string       Working directory inside the container\n";

/// Captured verbatim (see the module documentation).
const TEXT_15: &str = "Usage:  docker ps [OPTIONS]\n\nList containers\n\nAliases:\n  docker container ls, docker container list, docker container ps, docker ps\n\nOptions:\n  -a, --all             Show all containers (default shows just running)\n  -f, --filter filter   Filter output based on conditions provided (default )\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n  -n, --last int        Show n last created containers (includes all\n                        states) (default -1)\n  -l, --latest          Show the latest created container (includes all\n                        states)\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only display container IDs\n  -s, --size            Display total file sizes\n";

/// Captured verbatim (see the module documentation).
const TEXT_16: &str = "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n\nAliases:\n  docker container run, docker run\n\nOptions:\n      --add-host list                    Add a custom host-to-IP mapping\n                                         (host:ip)\n      --annotation map                   Add an annotation to the\n                                         container (passed through to the\n                                         OCI runtime) (default map[])\n  -a, --attach list                      Attach to STDIN, STDOUT or\n                                         STDERR (default )\n      --blkio-weight uint16              Block IO (relative weight),\n                                         between 10 and 1000, or 0 to\n                                         disable (default 0)\n      --blkio-weight-device list         Block IO weight (relative device\n                                         weight) (default [])\n      --cap-add list                     Add Linux capabilities\n      --cap-drop list                    Drop Linux capabilities\n      --cgroup-parent string             Optional parent cgroup for the\n                                         container\n      --cgroupns string                  Cgroup namespace to use\n                                         (host|private)\n                                         'host':    Run the container in\n                                         the Docker host's cgroup\n                                         namespace\n                                         'private': Run the container in\n                                         its own private cgroup namespace\n                                         '':        Use the cgroup\n                                         namespace as configured by the\n                                                    default-cgroupns-mode\n                                         option on the daemon (default)\n      --cidfile string                   Write the container ID to the file\n      --cpu-count int                    CPU count (Windows only)\n      --cpu-percent int                  CPU percent (Windows only)\n      --cpu-period int                   Limit CPU CFS (Completely Fair\n                                         Scheduler) period\n      --cpu-quota int                    Limit CPU CFS (Completely Fair\n                                         Scheduler) quota\n      --cpu-rt-period int                Limit CPU real-time period in\n                                         microseconds\n      --cpu-rt-runtime int               Limit CPU real-time runtime in\n                                         microseconds\n  -c, --cpu-shares int                   CPU shares (relative weight)\n      --cpus decimal                     Number of CPUs (default )\n      --cpuset-cpus string               CPUs in which to allow execution\n                                         (0-3, 0,1)\n      --cpuset-mems string               MEMs in which to allow execution\n                                         (0-3, 0,1)\n  -d, --detach                           Run container in background and\n                                         print container ID\n      --detach-keys string               Override the key sequence for\n                                         detaching a container\n      --device list                      Add a host device to the container\n      --device-cgroup-rule list          Add a rule to the cgroup allowed\n                                         devices list\n      --device-read-bps list             Limit read rate (bytes per\n                                         second) from a device (default [])\n      --device-read-iops list            Limit read rate (IO per second)\n                                         from a device (default [])\n      --device-write-bps list            Limit write rate (bytes per\n                                         second) to a device (default [])\n      --device-write-iops list           Limit write rate (IO per second)\n                                         to a device (default [])\n      --disable-content-trust            Skip image verification (default\n                                         true)\n      --dns list                         Set custom DNS servers\n      --dns-option list                  Set DNS options\n      --dns-search list                  Set custom DNS search domains\n      --domainname string                Container NIS domain name\n      --entrypoint string                Overwrite the default ENTRYPOINT\n                                         of the image\n  -e, --env list                         Set environment variables (default )\n      --env-file list                    Read in a file of environment\n                                         variables\n      --expose list                      Expose a port or a range of ports\n      --gpus gpu-request                 GPU devices to add to the\n                                         container ('all' to pass all\n                                         GPUs) (default )\n      --group-add list                   Add additional groups to join\n      --health-cmd string                Command to run to check health\n      --health-interval duration         Time between running the check\n                                         (ms|s|m|h) (default 0s)\n      --health-retries int               Consecutive failures needed to\n                                         report unhealthy\n      --health-start-interval duration   Time between running the check\n                                         during the start period\n                                         (ms|s|m|h) (default 0s)\n      --health-start-period duration     Start period for the container\n                                         to initialize before starting\n                                         health-retries countdown\n                                         (ms|s|m|h) (default 0s)\n      --health-timeout duration          Maximum time to allow one check\n                                         to run (ms|s|m|h) (default 0s)\n      --help                             Print usage\n  -h, --hostname string                  Container host name\n      --init                             Run an init inside the container\n                                         that forwards signals and reaps\n                                         processes\n  -i, --interactive                      Keep STDIN open even if not attached\n      --io-maxbandwidth bytes            Maximum IO bandwidth limit for\n                                         the system drive (Windows only)\n      --io-maxiops uint                  Maximum IOps limit for the\n                                         system drive (Windows only)\n      --ip string                        IPv4 address (e.g., 172.30.100.104)\n      --ip6 string                       IPv6 address (e.g., 2001:db8::33)\n      --ipc string                       IPC mode to use\n      --isolation string                 Container isolation technology\n      --kernel-memory bytes              Kernel memory limit\n  -l, --label list                       Set meta data on a container\n      --label-file list                  Read in a line delimited file of\n                                         labels\n      --link list                        Add link to another container\n      --link-local-ip list               Container IPv4/IPv6 link-local\n                                         addresses\n      --log-driver string                Logging driver for the container\n      --log-opt list                     Log driver options\n      --mac-address string               Container MAC address (e.g.,\n                                         92:d0:c6:0a:29:33)\n  -m, --memory bytes                     Memory limit (default 0)\n      --memory-reservation bytes         Memory soft limit\n      --memory-swap bytes                Swap limit equal to memory plus\n                                         swap: '-1' to enable unlimited\n                                         swap (default 0)\n      --memory-swappiness int            Tune container memory swappiness\n                                         (0 to 100) (default -1)\n      --mount mount                      Attach a filesystem mount to the\n                                         container (default )\n      --name string                      Assign a name to the container\n      --network network                  Connect a container to a network\n      --network-alias list               Add network-scoped alias for the\n                                         container\n      --no-healthcheck                   Disable any container-specified\n                                         HEALTHCHECK\n      --oom-kill-disable                 Disable OOM Killer\n      --oom-score-adj int                Tune host's OOM preferences\n                                         (-1000 to 1000)\n      --pid string                       PID namespace to use\n      --pids-limit int                   Tune container pids limit (set\n                                         -1 for unlimited)\n      --platform string                  Set platform if server is\n                                         multi-platform capable\n      --privileged                       Give extended privileges to this\n                                         container\n  -p, --publish list                     Publish a container's port(s) to\n                                         the host (default )\n  -P, --publish-all                      Publish all exposed ports to\n                                         random ports\n      --pull string                      Pull image before running\n                                         (\"always\", \"missing\", \"never\")\n                                         (default \"missing\")\n  -q, --quiet                            Suppress the pull output\n      --read-only                        Mount the container's root\n                                         filesystem as read only\n      --restart string                   Restart policy to apply when a\n                                         container exits (default \"no\")\n      --rm                               Automatically remove the\n                                         container and its associated\n                                         anonymous volumes when it exits\n      --runtime string                   Runtime to use for this container\n      --security-opt list                Security Options\n      --shm-size bytes                   Size of /dev/shm\n      --sig-proxy                        Proxy received signals to the\n                                         process (default true)\n      --stop-signal string               Signal to stop the container\n      --stop-timeout int                 Timeout (in seconds) to stop a\n                                         container\n      --storage-opt list                 Storage driver options for the\n                                         container\n      --sysctl map                       Sysctl options (default map[])\n      --tmpfs list                       Mount a tmpfs directory\n  -t, --tty                              Allocate a pseudo-TTY\n      --ulimit ulimit                    Ulimit options (default [])\n      --use-api-socket                   Bind mount Docker API socket and\n                                         required auth\n  -u, --user string                      Username or UID (format:\n                                         <name|uid>[:<group|gid>])\n      --userns string                    User namespace to use\n      --uts string                       UTS namespace to use\n  -v, --volume list                      Bind mount a volume\n      --volume-driver string             Optional volume driver for the\n                                         container\n      --volumes-from list                Mount volumes from the specified\n                                         container(s)\n  -w, --workdir string                   Working directory inside the\n                                         container\n";

/// Captured verbatim (see the module documentation).
const TEXT_17: &str = "Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n  exec        Execute a command in a running container\n  ps          List containers\n  build       Build an image from a Dockerfile\n  pull        Download an image from a registry\n  push        Upload an image to a registry\n  images      List images\n  login       Authenticate to a registry\n  logout      Log out from a registry\n  search      Search Docker Hub for images\n  version     Show the Docker version information\n  info        Display system-wide information\n\nManagement Commands:\n  builder     Manage builds\n  checkpoint  Manage checkpoints\n  container   Manage containers\n  context     Manage contexts\n  image       Manage images\n  manifest    Manage Docker image manifests and manifest lists\n  network     Manage networks\n  plugin      Manage plugins\n  system      Manage Docker\n  trust       Manage trust on Docker images\n  volume      Manage volumes\n\nSwarm Commands:\n  config      Manage Swarm configs\n  node        Manage Swarm nodes\n  secret      Manage Swarm secrets\n  service     Manage Swarm services\n  stack       Manage Swarm stacks\n  swarm       Manage Swarm\n\nCommands:\n  attach      Attach local standard input, output, and error streams to a running container\n  commit      Create a new image from a container's changes\n  cp          Copy files/folders between a container and the local filesystem\n  create      Create a new container\n  diff        Inspect changes to files or directories on a container's filesystem\n  events      Get real time events from the server\n  export      Export a container's filesystem as a tar archive\n  history     Show the history of an image\n  import      Import the contents from a tarball to create a filesystem image\n  inspect     Return low-level information on Docker objects\n  kill        Kill one or more running containers\n  load        Load an image from a tar archive or STDIN\n  logs        Fetch the logs of a container\n  pause       Pause all processes within one or more containers\n  port        List port mappings or a specific mapping for the container\n  rename      Rename a container\n  restart     Restart one or more containers\n  rm          Remove one or more containers\n  rmi         Remove one or more images\n  save        Save one or more images to a tar archive (streamed to STDOUT by default)\n  start       Start one or more stopped containers\n  stats       Display a live stream of container(s) resource usage statistics\n  stop        Stop one or more running containers\n  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n  top         Display the running processes of a container\n  unpause     Unpause all processes within one or more containers\n  update      Update configuration of one or more containers\n  wait        Block until one or more containers stop, then print their exit codes\n\nGlobal Options:\n      --config string      Location of client config files (default\n                           \"/home/learner/.docker\")\n  -c, --context string     Name of the context to use to connect to the\n                           daemon (overrides DOCKER_HOST env var and\n                           default context set with \"docker context use\")\n  -D, --debug              Enable debug mode\n  -H, --host list          Daemon socket to connect to (default )\n  -l, --log-level string   Set the logging level (\"debug\", \"info\",\n                           \"warn\", \"error\", \"fatal\") (default \"info\")\n      --tls                Use TLS; implied by --tlsverify\n      --tlscacert string   Trust certs signed only by this CA (default\n                           \"/home/learner/.docker/ca.pem\")\n      --tlscert string     Path to TLS certificate file (default\n                           \"/home/learner/.docker/cert.pem\")\n      --tlskey string      Path to TLS key file (default\n                           \"/home/learner/.docker/key.pem\")\n      --tlsverify          Use TLS and verify the remote\n  -v, --version            Print version information and quit\n\nRun 'docker COMMAND --help' for more information on a command.\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n";

/// Captured verbatim (see the module documentation).
const TEXT_18: &str = "Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n\nAliases:\n  docker container exec, docker exec\n\nOptions:\n  -d, --detach               Detached mode: run command in the background\n      --detach-keys string   Override the key sequence for detaching a\n                             container\n  -e, --env list             Set environment variables (default )\n      --env-file list        Read in a file of environment variables\n  -i, --interactive          Keep STDIN open even if not attached\n      --privileged           Give extended privileges to the command\n  -t, --tty                  Allocate a pseudo-TTY\n  -u, --user string          Username or UID (format:\n                             \"<name|uid>[:<group|gid>]\")\n  -w, --workdir string       Working directory inside the container\n";

/// Captured verbatim (see the module documentation).
const TEXT_19: &str = "Usage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n\nAliases:\n  docker image ls, docker image list, docker images\n\nOptions:\n  -a, --all             Show all images (default hides intermediate images)\n      --digests         Show digests\n  -f, --filter filter   Filter output based on conditions provided (default )\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only show image IDs\n      --tree            List multi-platform images as a tree (EXPERIMENTAL)\n";

/// Captured verbatim (see the module documentation).
const TEXT_20: &str = "Usage:  docker volume create [OPTIONS] [VOLUME]\n\nCreate a volume\n\nOptions:\n      --availability string       Cluster Volume availability (\"active\",\n                                  \"pause\", \"drain\") (default \"active\")\n  -d, --driver string             Specify volume driver name (default \"local\")\n      --group string              Cluster Volume group (cluster volumes)\n      --label list                Set metadata for a volume (default )\n      --limit-bytes bytes         Minimum size of the Cluster Volume in bytes\n  -o, --opt map                   Set driver specific options (default map[])\n      --required-bytes bytes      Maximum size of the Cluster Volume in bytes\n      --scope string              Cluster Volume access scope (\"single\",\n                                  \"multi\") (default \"single\")\n      --secret map                Cluster Volume secrets (default map[])\n      --sharing string            Cluster Volume access sharing (\"none\",\n                                  \"readonly\", \"onewriter\", \"all\")\n                                  (default \"none\")\n      --topology-preferred list   A topology that the Cluster Volume\n                                  would be preferred in\n      --topology-required list    A topology that the Cluster Volume must\n                                  be accessible from\n      --type string               Cluster Volume access type (\"mount\",\n                                  \"block\") (default \"block\")\n";

/// Captured verbatim (see the module documentation).
const TEXT_21: &str = "Usage:  docker network create [OPTIONS] NETWORK\n\nCreate a network\n\nOptions:\n      --attachable           Enable manual container attachment\n      --aux-address map      Auxiliary IPv4 or IPv6 addresses used by\n                             Network driver (default map[])\n      --config-from string   The network from which to copy the configuration\n      --config-only          Create a configuration only network\n  -d, --driver string        Driver to manage the Network (default \"bridge\")\n      --gateway strings      IPv4 or IPv6 Gateway for the master subnet\n      --ingress              Create swarm routing-mesh network\n      --internal             Restrict external access to the network\n      --ip-range strings     Allocate container ip from a sub-range\n      --ipam-driver string   IP Address Management Driver (default \"default\")\n      --ipam-opt map         Set IPAM driver specific options (default map[])\n      --ipv4                 Enable or disable IPv4 address assignment\n                             (default true)\n      --ipv6                 Enable or disable IPv6 address assignment\n      --label list           Set metadata on a network\n  -o, --opt map              Set driver specific options (default map[])\n      --scope string         Control the network's scope\n      --subnet strings       Subnet in CIDR format that represents a\n                             network segment\n";

const CASES: &[(&[&str], Want)] = &[
    (&[], Want::Exit { stdout: "", stderr: TEXT_1, code: 0 }),
    (&["--help"], Want::Exit { stdout: TEXT_1, stderr: "", code: 0 }),
    (&["-h"], Want::Exit { stdout: TEXT_1, stderr: "Flag shorthand -h has been deprecated, use --help\n", code: 0 }),
    (&["help"], Want::Exit { stdout: TEXT_1, stderr: "", code: 0 }),
    (&["--version"], Want::Exit { stdout: "Docker version 28.2.2, build e6534b4\n", stderr: "", code: 0 }),
    (&["-v"], Want::Exit { stdout: "Docker version 28.2.2, build e6534b4\n", stderr: "", code: 0 }),
    (&["-v", "foo"], Want::Exit { stdout: "Docker version 28.2.2, build e6534b4\n", stderr: "", code: 0 }),
    (&["foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n", code: 1 }),
    (&["PS"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker PS\n\nRun 'docker --help' for more information\n", code: 1 }),
    (&["pss"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker pss\n\nRun 'docker --help' for more information\n", code: 1 }),
    (&["foo", "--bar"], Want::Exit { stdout: "", stderr: "unknown flag: --bar\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 }),
    (&["foo", "-v"], Want::Exit { stdout: "Docker version 28.2.2, build e6534b4\n", stderr: "", code: 0 }),
    (&["foo", "-h"], Want::Exit { stdout: TEXT_2, stderr: "", code: 0 }),
    (&["foo", "--help"], Want::Exit { stdout: TEXT_1, stderr: "", code: 0 }),
    (&["--foo", "ps"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 }),
    (&["-z", "ps"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 }),
    (&["--log-level"], Want::Exit { stdout: "", stderr: "flag needs an argument: --log-level\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 }),
    (&["-H"], Want::Exit { stdout: "", stderr: "flag needs an argument: 'H' in -H\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 }),
    (&["-l", "foo", "ps"], Want::Exit { stdout: "", stderr: "Unable to parse logging level: foo\n", code: 1 }),
    (&["--log-level=x"], Want::Exit { stdout: "", stderr: "Unable to parse logging level: x\n", code: 1 }),
    (&["-lx", "foo"], Want::Exit { stdout: "", stderr: "Unable to parse logging level: x\n", code: 1 }),
    (&["-lx", "--help"], Want::Exit { stdout: "", stderr: "Unable to parse logging level: x\n", code: 1 }),
    (&["-D"], Want::Exit { stdout: "", stderr: TEXT_1, code: 0 }),
    (&["-D", "foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n", code: 1 }),
    (&["-v=false"], Want::Exit { stdout: "", stderr: TEXT_1, code: 0 }),
    (&["--help=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--help\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n", code: 125 }),
    (&["--", "foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker foo\n\nRun 'docker --help' for more information\n", code: 1 }),
    (&["-h", "ps"], Want::Exit { stdout: TEXT_3, stderr: "Flag shorthand -h has been deprecated, use --help\n", code: 0 }),
    (&["--help", "ps"], Want::Exit { stdout: TEXT_3, stderr: "", code: 0 }),
    (&["--help", "container"], Want::Exit { stdout: TEXT_4, stderr: "", code: 0 }),
    (&["--help", "run", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["container ls"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker container ls\n\nRun 'docker --help' for more information\n", code: 1 }),
    (&["container"], Want::Exit { stdout: "", stderr: TEXT_4, code: 0 }),
    (&["image"], Want::Exit { stdout: "", stderr: TEXT_5, code: 0 }),
    (&["system"], Want::Exit { stdout: "", stderr: "Usage:  docker system COMMAND\n\nManage Docker\n\nCommands:\n  df          Show docker disk usage\n  events      Get real time events from the server\n  info        Display system-wide information\n  prune       Remove unused data\n\nRun 'docker system COMMAND --help' for more information on a command.\n", code: 0 }),
    (&["container", "foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker container foo\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 1 }),
    (&["container", "lss"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker container lss\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 1 }),
    (&["image", "foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker image foo\n\nUsage:  docker image\n\nRun 'docker image --help' for more information\n", code: 1 }),
    (&["container", "--help"], Want::Exit { stdout: TEXT_4, stderr: "", code: 0 }),
    (&["container", "-h"], Want::Exit { stdout: TEXT_6, stderr: "", code: 0 }),
    (&["container", "--help", "foo"], Want::Exit { stdout: TEXT_4, stderr: "", code: 0 }),
    (&["container", "foo", "--help"], Want::Exit { stdout: TEXT_4, stderr: "", code: 0 }),
    (&["container", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 125 }),
    (&["container", "-D", "ls"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'D' in -D\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 125 }),
    (&["container", "foo", "--bar"], Want::Exit { stdout: "", stderr: "unknown flag: --bar\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 125 }),
    (&["container", "help"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker container help\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 1 }),
    (&["network"], Want::Exit { stdout: "", stderr: "Usage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  prune       Remove all unused networks\n  rm          Remove one or more networks\n\nRun 'docker network COMMAND --help' for more information on a command.\n", code: 0 }),
    (&["builder"], Want::Exit { stdout: "", stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\nUsage:  docker builder COMMAND\n\nManage builds\n\nCommands:\n  build       Build an image from a Dockerfile\n  prune       Remove build cache\n\nRun 'docker builder COMMAND --help' for more information on a command.\n", code: 0 }),
    (&["builder", "foo"], Want::Exit { stdout: "", stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\ndocker: unknown command: docker builder foo\n\nUsage:  docker builder\n\nRun 'docker builder --help' for more information\n", code: 1 }),
    (&["builder", "--help"], Want::Exit { stdout: "Usage:  docker builder COMMAND\n\nManage builds\n\nCommands:\n  build       Build an image from a Dockerfile\n  prune       Remove build cache\n\nRun 'docker builder COMMAND --help' for more information on a command.\n", stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\n", code: 0 }),
    (&["trust", "key"], Want::Exit { stdout: "", stderr: "Usage:  docker trust key COMMAND\n\nManage keys for signing Docker images\n\nCommands:\n  generate    Generate and load a signing key-pair\n  load        Load a private key file for signing\n\nRun 'docker trust key COMMAND --help' for more information on a command.\n", code: 0 }),
    (&["trust", "key", "foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker trust key foo\n\nUsage:  docker trust key\n\nRun 'docker trust key --help' for more information\n", code: 1 }),
    (&["system", "foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker system foo\n\nUsage:  docker system\n\nRun 'docker system --help' for more information\n", code: 1 }),
    (&["container", "--", "foo"], Want::Exit { stdout: "", stderr: "docker: unknown command: docker container foo\n\nUsage:  docker container\n\nRun 'docker container --help' for more information\n", code: 1 }),
    (&["help", "run"], Want::Exit { stdout: TEXT_7, stderr: "", code: 0 }),
    (&["help", "foo"], Want::Exit { stdout: "", stderr: "unknown help topic: foo\n", code: 1 }),
    (&["help", "foo", "bar"], Want::Exit { stdout: "", stderr: "unknown help topic: foo bar\n", code: 1 }),
    (&["help", "container"], Want::Exit { stdout: TEXT_4, stderr: "", code: 0 }),
    (&["help", "container", "ls"], Want::Exit { stdout: TEXT_8, stderr: "", code: 0 }),
    (&["help", "container", "foo"], Want::Exit { stdout: "", stderr: "unknown help topic: foo\n", code: 1 }),
    (&["help", "ps", "a"], Want::Exit { stdout: "", stderr: "unknown help topic: a\n", code: 1 }),
    (&["help", "help"], Want::Exit { stdout: "Usage:  docker help [command]\n\nHelp about the command\n", stderr: "", code: 0 }),
    (&["help", "-D"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'D' in -D\n\nUsage:  docker help [command]\n\nRun 'docker help --help' for more information\n", code: 125 }),
    (&["help", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker help [command]\n\nRun 'docker help --help' for more information\n", code: 125 }),
    (&["help", "ps", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker help [command]\n\nRun 'docker help --help' for more information\n", code: 125 }),
    (&["help", "-h"], Want::Exit { stdout: "Flag shorthand -h has been deprecated, use --help\nUsage:  docker help [command]\n\nHelp about the command\n", stderr: "", code: 0 }),
    (&["help", "--help=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--help\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker help [command]\n\nRun 'docker help --help' for more information\n", code: 125 }),
    (&["help", "build"], Want::Exit { stdout: TEXT_9, stderr: "", code: 0 }),
    (&["help", "container", "list"], Want::Exit { stdout: TEXT_8, stderr: "", code: 0 }),
    (&["help", "image", "remove"], Want::Exit { stdout: "Usage:  docker image rm [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images\n\nAliases:\n  docker image rm, docker image remove, docker rmi\n\nOptions:\n  -f, --force              Force removal of the image\n      --no-prune           Do not delete untagged parents\n      --platform strings   Remove only the given platform variant.\n                           Formatted as \"os[/arch[/variant]]\" (e.g.,\n                           \"linux/amd64\")\n", stderr: "", code: 0 }),
    (&["ps", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-z"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-az"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-za"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'z' in -za\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "a"], Want::Exit { stdout: "", stderr: "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 1 }),
    (&["ps", "-"], Want::Exit { stdout: "", stderr: "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 1 }),
    (&["ps", "--", "a"], Want::Exit { stdout: "", stderr: "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 1 }),
    (&["ps", "---x"], Want::Exit { stdout: "", stderr: "bad flag syntax: ---x\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "--=x"], Want::Exit { stdout: "", stderr: "bad flag syntax: --=x\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-h"], Want::Exit { stdout: TEXT_10, stderr: "", code: 0 }),
    (&["ps", "-ah"], Want::Exit { stdout: TEXT_10, stderr: "", code: 0 }),
    (&["ps", "--help", "a", "b"], Want::Exit { stdout: TEXT_3, stderr: "", code: 0 }),
    (&["ps", "--help", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "--all=maybe"], Want::Exit { stdout: "", stderr: "invalid argument \"maybe\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-n"], Want::Exit { stdout: "", stderr: "flag needs an argument: 'n' in -n\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-n-1", "-q=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"-q, --quiet\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-="], Want::Exit { stdout: "", stderr: "unknown shorthand flag: '=' in -=\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-a="], Want::Exit { stdout: "", stderr: "unknown shorthand flag: '=' in -=\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-t=5"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 't' in -t=5\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-f", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-n", "abc"], Want::Exit { stdout: "", stderr: "invalid argument \"abc\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "--last", "0x"], Want::Exit { stdout: "", stderr: "invalid argument \"0x\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"0x\": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-D"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'D' in -D\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "--format"], Want::Exit { stdout: "", stderr: "flag needs an argument: --format\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-é"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'Ã' in -é\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-aé"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'Ã' in -é\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "--näme"], Want::Exit { stdout: "", stderr: "unknown flag: --näme\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["ps", "-n", "1\t"], Want::Exit { stdout: "", stderr: "invalid argument \"1\\t\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"1\\t\": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n", code: 125 }),
    (&["run"], Want::Exit { stdout: "", stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n", code: 1 }),
    (&["run", "--rm=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--rm\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-d=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-z", "alpine"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-h"], Want::Exit { stdout: "", stderr: "flag needs an argument: 'h' in -h\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--name"], Want::Exit { stdout: "", stderr: "flag needs an argument: --name\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-m", "abc"], Want::Exit { stdout: "", stderr: "invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-m", "10q"], Want::Exit { stdout: "", stderr: "invalid argument \"10q\" for \"-m, --memory\" flag: invalid suffix: 'q'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--cpus", "1/3"], Want::Exit { stdout: "", stderr: "invalid argument \"1/3\" for \"--cpus\" flag: value is too precise\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--health-interval", "5"], Want::Exit { stdout: "", stderr: "invalid argument \"5\" for \"--health-interval\" flag: time: missing unit in duration \"5\"\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--blkio-weight", "70000"], Want::Exit { stdout: "", stderr: "invalid argument \"70000\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing \"70000\": value out of range\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-p"], Want::Exit { stdout: "", stderr: "flag needs an argument: 'p' in -p\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--ulimit", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--ulimit\" flag: invalid ulimit argument: x\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--mount", "type=bind"], Want::Exit { stdout: "", stderr: "invalid argument \"type=bind\" for \"--mount\" flag: target is required\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--add-host", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--add-host\" flag: bad format for add-host: \"x\"\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--dns", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--dns\" flag: IP address is not correctly formatted: x\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-e", ""], Want::Exit { stdout: "", stderr: "invalid argument \"\" for \"-e, --env\" flag: invalid environment variable: \n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "-l", "=x"], Want::Exit { stdout: "", stderr: "invalid argument \"=x\" for \"-l, --label\" flag: invalid label '=x': empty name\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--sysctl", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--sysctl\" flag: sysctl 'x' is not allowed\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--link", "a:b:c"], Want::Exit { stdout: "", stderr: "invalid argument \"a:b:c\" for \"--link\" flag: bad format for links: a:b:c\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--attach", "foo"], Want::Exit { stdout: "", stderr: "invalid argument \"foo\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--gpus", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--gpus\" flag: invalid count (x): value must be either \"all\" or an integer: invalid syntax\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["container", "run"], Want::Exit { stdout: "", stderr: "docker: 'docker container run' requires at least 1 argument\n\nUsage:  docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker container run --help' for more information\n", code: 1 }),
    (&["container", "run", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker container run --help' for more information\n", code: 125 }),
    (&["run", "-it"], Want::Exit { stdout: "", stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n", code: 1 }),
    (&["run", "--network"], Want::Exit { stdout: "", stderr: "flag needs an argument: --network\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--net"], Want::Exit { stdout: "", stderr: "flag needs an argument: --net\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--name=web", "-itd"], Want::Exit { stdout: "", stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n", code: 1 }),
    (&["run", "--platform"], Want::Exit { stdout: "", stderr: "flag needs an argument: --platform\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--stop-timeout", "1.5"], Want::Exit { stdout: "", stderr: "invalid argument \"1.5\" for \"--stop-timeout\" flag: strconv.ParseInt: parsing \"1.5\": invalid syntax\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n", code: 125 }),
    (&["run", "--memory-swap", "-1"], Want::Exit { stdout: "", stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n", code: 1 }),
    (&["run", "-c", "0x10"], Want::Exit { stdout: "", stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n", code: 1 }),
    (&["run", "--rm", "-it", "--rm=false"], Want::Exit { stdout: "", stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n", code: 1 }),
    (&["create"], Want::Exit { stdout: "", stderr: "docker: 'docker create' requires at least 1 argument\n\nUsage:  docker create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker create --help' for more information\n", code: 1 }),
    (&["create", "--rm=1", "-t=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"-t, --tty\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker create --help' for more information\n", code: 125 }),
    (&["exec"], Want::Exit { stdout: "", stderr: "docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n", code: 1 }),
    (&["exec", "c"], Want::Exit { stdout: "", stderr: "docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n", code: 1 }),
    (&["exec", "-e", "", "c", "cmd"], Want::Exit { stdout: "", stderr: "invalid argument \"\" for \"-e, --env\" flag: invalid environment variable: \n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nRun 'docker exec --help' for more information\n", code: 125 }),
    (&["exec", "--foo", "c", "sh"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nRun 'docker exec --help' for more information\n", code: 125 }),
    (&["exec", "-it"], Want::Exit { stdout: "", stderr: "docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n", code: 1 }),
    (&["stop"], Want::Exit { stdout: "", stderr: "docker: 'docker stop' requires at least 1 argument\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker stop --help' for more information\n", code: 1 }),
    (&["stop", "--time", "5"], Want::Exit { stdout: "Flag --time has been deprecated, use --timeout instead\n", stderr: "docker: 'docker stop' requires at least 1 argument\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker stop --help' for more information\n", code: 1 }),
    (&["stop", "--time"], Want::Exit { stdout: "", stderr: "flag needs an argument: --time\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["stop", "--time=abc", "a"], Want::Exit { stdout: "", stderr: "invalid argument \"abc\" for \"--time\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["stop", "-t"], Want::Exit { stdout: "", stderr: "flag needs an argument: 't' in -t\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["stop", "-t", "abc", "a"], Want::Exit { stdout: "", stderr: "invalid argument \"abc\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["stop", "-t=5"], Want::Exit { stdout: "", stderr: "docker: 'docker stop' requires at least 1 argument\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker stop --help' for more information\n", code: 1 }),
    (&["stop", "--timeout"], Want::Exit { stdout: "", stderr: "flag needs an argument: --timeout\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["stop", "-t", "5x", "a"], Want::Exit { stdout: "", stderr: "invalid argument \"5x\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"5x\": invalid syntax\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["stop", "-t5", "-t", "9999999999999999999", "a"], Want::Exit { stdout: "", stderr: "invalid argument \"9999999999999999999\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"9999999999999999999\": value out of range\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["container", "stop", "--time", "1"], Want::Exit { stdout: "Flag --time has been deprecated, use --timeout instead\n", stderr: "docker: 'docker container stop' requires at least 1 argument\n\nUsage:  docker container stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker container stop --help' for more information\n", code: 1 }),
    (&["restart", "--time", "x", "a"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--time\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n\nUsage:  docker restart [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker restart --help' for more information\n", code: 125 }),
    (&["restart"], Want::Exit { stdout: "", stderr: "docker: 'docker restart' requires at least 1 argument\n\nUsage:  docker restart [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker restart --help' for more information\n", code: 1 }),
    (&["stop", "--time", "1", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker stop --help' for more information\n", code: 125 }),
    (&["start"], Want::Exit { stdout: "", stderr: "docker: 'docker start' requires at least 1 argument\n\nUsage:  docker start [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker start --help' for more information\n", code: 1 }),
    (&["kill"], Want::Exit { stdout: "", stderr: "docker: 'docker kill' requires at least 1 argument\n\nUsage:  docker kill [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker kill --help' for more information\n", code: 1 }),
    (&["rm"], Want::Exit { stdout: "", stderr: "docker: 'docker rm' requires at least 1 argument\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker rm --help' for more information\n", code: 1 }),
    (&["rm", "-fz"], Want::Exit { stdout: "", stderr: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker rm --help' for more information\n", code: 125 }),
    (&["rmi"], Want::Exit { stdout: "", stderr: "docker: 'docker rmi' requires at least 1 argument\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nSee 'docker rmi --help' for more information\n", code: 1 }),
    (&["rmi", "--platform", "\"a", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"\\\"a\" for \"--platform\" flag: parse error on line 1, column 3: extraneous or missing \" in quoted-field\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRun 'docker rmi --help' for more information\n", code: 125 }),
    (&["inspect"], Want::Exit { stdout: "", stderr: "docker: 'docker inspect' requires at least 1 argument\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nSee 'docker inspect --help' for more information\n", code: 1 }),
    (&["save"], Want::Exit { stdout: "", stderr: "docker: 'docker save' requires at least 1 argument\n\nUsage:  docker save [OPTIONS] IMAGE [IMAGE...]\n\nSee 'docker save --help' for more information\n", code: 1 }),
    (&["logs"], Want::Exit { stdout: "", stderr: "docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n", code: 1 }),
    (&["logs", "a", "b"], Want::Exit { stdout: "", stderr: "docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n", code: 1 }),
    (&["pull"], Want::Exit { stdout: "", stderr: "docker: 'docker pull' requires 1 argument\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nRun 'docker pull --help' for more information\n", code: 1 }),
    (&["pull", "a", "b"], Want::Exit { stdout: "", stderr: "docker: 'docker pull' requires 1 argument\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nRun 'docker pull --help' for more information\n", code: 1 }),
    (&["rename", "a"], Want::Exit { stdout: "", stderr: "docker: 'docker rename' requires 2 arguments\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRun 'docker rename --help' for more information\n", code: 1 }),
    (&["rename"], Want::Exit { stdout: "", stderr: "docker: 'docker rename' requires 2 arguments\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRun 'docker rename --help' for more information\n", code: 1 }),
    (&["tag", "a"], Want::Exit { stdout: "", stderr: "docker: 'docker tag' requires 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'docker tag --help' for more information\n", code: 1 }),
    (&["images", "a", "b"], Want::Exit { stdout: "", stderr: "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'docker images --help' for more information\n", code: 1 }),
    (&["image", "ls", "a", "b"], Want::Exit { stdout: "", stderr: "docker: 'docker image ls' requires at most 1 argument\n\nUsage:  docker image ls [OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'docker image ls --help' for more information\n", code: 1 }),
    (&["image", "list", "a", "b"], Want::Exit { stdout: "", stderr: "docker: 'docker image ls' requires at most 1 argument\n\nUsage:  docker image ls [OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'docker image ls --help' for more information\n", code: 1 }),
    (&["load", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker load' accepts no arguments\n\nUsage:  docker load [OPTIONS]\n\nRun 'docker load --help' for more information\n", code: 1 }),
    (&["system", "prune", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker system prune' accepts no arguments\n\nUsage:  docker system prune [OPTIONS]\n\nRun 'docker system prune --help' for more information\n", code: 1 }),
    (&["container", "prune", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker container prune' accepts no arguments\n\nUsage:  docker container prune [OPTIONS]\n\nRun 'docker container prune --help' for more information\n", code: 1 }),
    (&["image", "prune", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker image prune' accepts no arguments\n\nUsage:  docker image prune [OPTIONS]\n\nRun 'docker image prune --help' for more information\n", code: 1 }),
    (&["version", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker version' accepts no arguments\n\nUsage:  docker version [OPTIONS]\n\nRun 'docker version --help' for more information\n", code: 1 }),
    (&["attach"], Want::Exit { stdout: "", stderr: "docker: 'docker attach' requires 1 argument\n\nUsage:  docker attach [OPTIONS] CONTAINER\n\nRun 'docker attach --help' for more information\n", code: 1 }),
    (&["port"], Want::Exit { stdout: "", stderr: "docker: 'docker port' requires at least 1 and at most 2 arguments\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker port --help' for more information\n", code: 1 }),
    (&["top"], Want::Exit { stdout: "", stderr: "docker: 'docker top' requires at least 1 argument\n\nUsage:  docker top CONTAINER [ps OPTIONS]\n\nSee 'docker top --help' for more information\n", code: 1 }),
    (&["pause"], Want::Exit { stdout: "", stderr: "docker: 'docker pause' requires at least 1 argument\n\nUsage:  docker pause CONTAINER [CONTAINER...]\n\nSee 'docker pause --help' for more information\n", code: 1 }),
    (&["unpause"], Want::Exit { stdout: "", stderr: "docker: 'docker unpause' requires at least 1 argument\n\nUsage:  docker unpause CONTAINER [CONTAINER...]\n\nSee 'docker unpause --help' for more information\n", code: 1 }),
    (&["stats", "--foo"], Want::Exit { stdout: "", stderr: "unknown flag: --foo\n\nUsage:  docker stats [OPTIONS] [CONTAINER...]\n\nRun 'docker stats --help' for more information\n", code: 125 }),
    (&["container", "list", "a"], Want::Exit { stdout: "", stderr: "docker: 'docker container ls' accepts no arguments\n\nUsage:  docker container ls [OPTIONS]\n\nRun 'docker container ls --help' for more information\n", code: 1 }),
    (&["container", "remove"], Want::Exit { stdout: "", stderr: "docker: 'docker container rm' requires at least 1 argument\n\nUsage:  docker container rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker container rm --help' for more information\n", code: 1 }),
    (&["image", "remove"], Want::Exit { stdout: "", stderr: "docker: 'docker image rm' requires at least 1 argument\n\nUsage:  docker image rm [OPTIONS] IMAGE [IMAGE...]\n\nSee 'docker image rm --help' for more information\n", code: 1 }),
    (&["context", "use"], Want::Exit { stdout: "", stderr: "accepts 1 arg(s), received 0\n", code: 1 }),
    (&["context", "use", "a", "b"], Want::Exit { stdout: "", stderr: "accepts 1 arg(s), received 2\n", code: 1 }),
    (&["build"], Want::Exit { stdout: "", stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\ndocker: 'docker build' requires 1 argument\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n", code: 1 }),
    (&["build", "--foo"], Want::Exit { stdout: "", stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\nunknown flag: --foo\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n", code: 125 }),
    (&["builder", "prune", "x"], Want::Exit { stdout: "", stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\ndocker: 'docker builder prune' accepts no arguments\n\nUsage:  docker builder prune\n\nRun 'docker builder prune --help' for more information\n", code: 1 }),
    (&["image", "build"], Want::Exit { stdout: "", stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\ndocker: 'docker image build' requires 1 argument\n\nUsage:  docker image build [OPTIONS] PATH | URL | -\n\nRun 'docker image build --help' for more information\n", code: 1 }),
    (&["commit"], Want::Exit { stdout: "", stderr: "docker: 'docker commit' requires at least 1 and at most 2 arguments\n\nUsage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nRun 'docker commit --help' for more information\n", code: 1 }),
    (&["commit", "a", "b", "c"], Want::Exit { stdout: "", stderr: "docker: 'docker commit' requires at least 1 and at most 2 arguments\n\nUsage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nRun 'docker commit --help' for more information\n", code: 1 }),
    (&["cp", "a"], Want::Exit { stdout: "", stderr: "docker: 'docker cp' requires 2 arguments\n\nUsage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\nRun 'docker cp --help' for more information\n", code: 1 }),
    (&["network", "create"], Want::Exit { stdout: "", stderr: "docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun 'docker network create --help' for more information\n", code: 1 }),
    (&["volume", "create", "a", "b"], Want::Exit { stdout: "", stderr: "docker: 'docker volume create' requires at most 1 argument\n\nUsage:  docker volume create [OPTIONS] [VOLUME]\n\nSRun 'docker volume create --help' for more information\n", code: 1 }),
    (&["volume", "create", "--name"], Want::Exit { stdout: "", stderr: "flag needs an argument: --name\n\nUsage:  docker volume create [OPTIONS] [VOLUME]\n\nRun 'docker volume create --help' for more information\n", code: 125 }),
    (&["events", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker events' accepts no arguments\n\nUsage:  docker events [OPTIONS]\n\nRun 'docker events --help' for more information\n", code: 1 }),
    (&["info", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker info' accepts no arguments\n\nUsage:  docker info [OPTIONS]\n\nRun 'docker info --help' for more information\n", code: 1 }),
    (&["login", "a", "b"], Want::Exit { stdout: "", stderr: "docker: 'docker login' requires at most 1 argument\n\nUsage:  docker login [OPTIONS] [SERVER]\n\nSRun 'docker login --help' for more information\n", code: 1 }),
    (&["search"], Want::Exit { stdout: "", stderr: "docker: 'docker search' requires 1 argument\n\nUsage:  docker search [OPTIONS] TERM\n\nRun 'docker search --help' for more information\n", code: 1 }),
    (&["push"], Want::Exit { stdout: "", stderr: "docker: 'docker push' requires 1 argument\n\nUsage:  docker push [OPTIONS] NAME[:TAG]\n\nRun 'docker push --help' for more information\n", code: 1 }),
    (&["history"], Want::Exit { stdout: "", stderr: "docker: 'docker history' requires 1 argument\n\nUsage:  docker history [OPTIONS] IMAGE\n\nRun 'docker history --help' for more information\n", code: 1 }),
    (&["diff"], Want::Exit { stdout: "", stderr: "docker: 'docker diff' requires 1 argument\n\nUsage:  docker diff CONTAINER\n\nRun 'docker diff --help' for more information\n", code: 1 }),
    (&["export"], Want::Exit { stdout: "", stderr: "docker: 'docker export' requires 1 argument\n\nUsage:  docker export [OPTIONS] CONTAINER\n\nRun 'docker export --help' for more information\n", code: 1 }),
    (&["wait"], Want::Exit { stdout: "", stderr: "docker: 'docker wait' requires at least 1 argument\n\nUsage:  docker wait CONTAINER [CONTAINER...]\n\nSee 'docker wait --help' for more information\n", code: 1 }),
    (&["update"], Want::Exit { stdout: "", stderr: "docker: 'docker update' requires at least 1 argument\n\nUsage:  docker update [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker update --help' for more information\n", code: 1 }),
    (&["checkpoint", "create"], Want::Exit { stdout: "", stderr: "docker: 'docker checkpoint create' requires 2 arguments\n\nUsage:  docker checkpoint create [OPTIONS] CONTAINER CHECKPOINT\n\nRun 'docker checkpoint create --help' for more information\n", code: 1 }),
    (&["swarm", "init", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker swarm init' accepts no arguments\n\nUsage:  docker swarm init [OPTIONS]\n\nRun 'docker swarm init --help' for more information\n", code: 1 }),
    (&["service", "create"], Want::Exit { stdout: "", stderr: "docker: 'docker service create' requires at least 1 argument\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker service create --help' for more information\n", code: 1 }),
    (&["stack", "deploy"], Want::Exit { stdout: "", stderr: "docker: 'docker stack deploy' requires 1 argument\n\nUsage:  docker stack deploy [OPTIONS] STACK\n\nRun 'docker stack deploy --help' for more information\n", code: 1 }),
    (&["manifest", "inspect"], Want::Exit { stdout: "", stderr: "docker: 'docker manifest inspect' requires at least 1 and at most 2 arguments\n\nUsage:  docker manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST\n\nRun 'docker manifest inspect --help' for more information\n", code: 1 }),
    (&["context", "export"], Want::Exit { stdout: "", stderr: "docker: 'docker context export' requires at least 1 and at most 2 arguments\n\nUsage:  docker context export [OPTIONS] CONTEXT [FILE|-]\n\nRun 'docker context export --help' for more information\n", code: 1 }),
    (&["secret", "create"], Want::Exit { stdout: "", stderr: "docker: 'docker secret create' requires at least 1 and at most 2 arguments\n\nUsage:  docker secret create [OPTIONS] SECRET [file|-]\n\nRun 'docker secret create --help' for more information\n", code: 1 }),
    (&["plugin", "upgrade"], Want::Exit { stdout: "", stderr: "docker: 'docker plugin upgrade' requires at least 1 and at most 2 arguments\n\nUsage:  docker plugin upgrade [OPTIONS] PLUGIN [REMOTE]\n\nRun 'docker plugin upgrade --help' for more information\n", code: 1 }),
    (&["node", "ls", "x"], Want::Exit { stdout: "", stderr: "docker: 'docker node ls' accepts no arguments\n\nUsage:  docker node ls [OPTIONS]\n\nRun 'docker node ls --help' for more information\n", code: 1 }),
    (&["trust", "signer", "add"], Want::Exit { stdout: "", stderr: "docker: 'docker trust signer add' requires at least 2 arguments\n\nUsage:  docker trust signer add OPTIONS NAME REPOSITORY [REPOSITORY...] \n\nSee 'docker trust signer add --help' for more information\n", code: 1 }),
    (&["images", "--tree=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--tree\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'docker images --help' for more information\n", code: 125 }),
    (&["logs", "-n"], Want::Exit { stdout: "", stderr: "flag needs an argument: 'n' in -n\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n", code: 125 }),
    (&["logs", "--since"], Want::Exit { stdout: "", stderr: "flag needs an argument: --since\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n", code: 125 }),
    (&["system", "prune", "--filter", "x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"--filter\" flag: bad format of filter (expected name=value)\n\nUsage:  docker system prune [OPTIONS]\n\nRun 'docker system prune --help' for more information\n", code: 125 }),
    (&["system", "prune", "-a=x"], Want::Exit { stdout: "", stderr: "invalid argument \"x\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"x\": invalid syntax\n\nUsage:  docker system prune [OPTIONS]\n\nRun 'docker system prune --help' for more information\n", code: 125 }),
    (&["version", "-f"], Want::Exit { stdout: "", stderr: "flag needs an argument: 'f' in -f\n\nUsage:  docker version [OPTIONS]\n\nRun 'docker version --help' for more information\n", code: 125 }),
    (&["stack", "down"], Want::Exit { stdout: "", stderr: "docker: 'docker stack rm' requires at least 1 argument\n\nUsage:  docker stack rm [OPTIONS] STACK [STACK...]\n\nSee 'docker stack rm --help' for more information\n", code: 1 }),
    (&["container", "ls", "--filter"], Want::Exit { stdout: "", stderr: "flag needs an argument: --filter\n\nUsage:  docker container ls [OPTIONS]\n\nRun 'docker container ls --help' for more information\n", code: 125 }),
    (&["ps", "--help"], Want::Exit { stdout: TEXT_3, stderr: "", code: 0 }),
    (&["container", "ls", "--help"], Want::Exit { stdout: TEXT_8, stderr: "", code: 0 }),
    (&["container", "list", "--help"], Want::Exit { stdout: TEXT_8, stderr: "", code: 0 }),
    (&["image", "remove", "--help"], Want::Exit { stdout: "Usage:  docker image rm [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images\n\nAliases:\n  docker image rm, docker image remove, docker rmi\n\nOptions:\n  -f, --force              Force removal of the image\n      --no-prune           Do not delete untagged parents\n      --platform strings   Remove only the given platform variant.\n                           Formatted as \"os[/arch[/variant]]\" (e.g.,\n                           \"linux/amd64\")\n", stderr: "", code: 0 }),
    (&["rm", "--help"], Want::Exit { stdout: "Usage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers\n\nAliases:\n  docker container rm, docker container remove, docker rm\n\nOptions:\n  -f, --force     Force the removal of a running container (uses SIGKILL)\n  -l, --link      Remove the specified link\n  -v, --volumes   Remove anonymous volumes associated with the container\n", stderr: "", code: 0 }),
    (&["container", "rm", "--help"], Want::Exit { stdout: "Usage:  docker container rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers\n\nAliases:\n  docker container rm, docker container remove, docker rm\n\nOptions:\n  -f, --force     Force the removal of a running container (uses SIGKILL)\n  -l, --link      Remove the specified link\n  -v, --volumes   Remove anonymous volumes associated with the container\n", stderr: "", code: 0 }),
    (&["start", "--help"], Want::Exit { stdout: "Usage:  docker start [OPTIONS] CONTAINER [CONTAINER...]\n\nStart one or more stopped containers\n\nAliases:\n  docker container start, docker start\n\nOptions:\n  -a, --attach                  Attach STDOUT/STDERR and forward signals\n      --checkpoint string       Restore from this checkpoint\n      --checkpoint-dir string   Use a custom checkpoint storage directory\n      --detach-keys string      Override the key sequence for detaching a\n                                container\n  -i, --interactive             Attach container's STDIN\n", stderr: "", code: 0 }),
    (&["container", "start", "--help"], Want::Exit { stdout: "Usage:  docker container start [OPTIONS] CONTAINER [CONTAINER...]\n\nStart one or more stopped containers\n\nAliases:\n  docker container start, docker start\n\nOptions:\n  -a, --attach                  Attach STDOUT/STDERR and forward signals\n      --checkpoint string       Restore from this checkpoint\n      --checkpoint-dir string   Use a custom checkpoint storage directory\n      --detach-keys string      Override the key sequence for detaching a\n                                container\n  -i, --interactive             Attach container's STDIN\n", stderr: "", code: 0 }),
    (&["network", "ls", "--help"], Want::Exit { stdout: TEXT_11, stderr: "", code: 0 }),
    (&["stack", "down", "--help"], Want::Exit { stdout: "Usage:  docker stack rm [OPTIONS] STACK [STACK...]\n\nRemove one or more stacks\n\nAliases:\n  docker stack rm, docker stack remove, docker stack down\n\nOptions:\n  -d, --detach   Do not wait for stack removal (default true)\n", stderr: "", code: 0 }),
    (&["build", "--help"], Want::Exit { stdout: TEXT_9, stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\n", code: 0 }),
    (&["builder", "build", "--help"], Want::Exit { stdout: TEXT_12, stderr: "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\n", code: 0 }),
    (&["commit", "--help"], Want::Exit { stdout: "Usage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nCreate a new image from a container's changes\n\nAliases:\n  docker container commit, docker commit\n\nOptions:\n  -a, --author string    Author (e.g., \"John Hannibal Smith\n                         <hannibal@a-team.com>\")\n  -c, --change list      Apply Dockerfile instruction to the created image\n  -m, --message string   Commit message\n  -p, --pause            Pause container during commit (default true)\n", stderr: "", code: 0 }),
    (&["run", "--help"], Want::Exit { stdout: TEXT_7, stderr: "", code: 0 }),
    (&["stop", "--help"], Want::Exit { stdout: "Usage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nStop one or more running containers\n\nAliases:\n  docker container stop, docker stop\n\nOptions:\n  -s, --signal string   Signal to send to the container\n  -t, --timeout int     Seconds to wait before killing the container\n", stderr: "", code: 0 }),
    (&["stop", "--time", "3", "--help"], Want::Exit { stdout: "Flag --time has been deprecated, use --timeout instead\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nStop one or more running containers\n\nAliases:\n  docker container stop, docker stop\n\nOptions:\n  -s, --signal string   Signal to send to the container\n  -t, --timeout int     Seconds to wait before killing the container\n", stderr: "", code: 0 }),
    (&["system", "prune", "--help"], Want::Exit { stdout: "Usage:  docker system prune [OPTIONS]\n\nRemove unused data\n\nOptions:\n  -a, --all             Remove all unused images not just dangling ones\n      --filter filter   Provide filter values (e.g. \"label=<key>=<value>\")\n  -f, --force           Do not prompt for confirmation\n      --volumes         Prune anonymous volumes\n", stderr: "", code: 0 }),
    (&["images", "-h"], Want::Exit { stdout: TEXT_13, stderr: "", code: 0 }),
    (&["exec", "--help"], Want::Exit { stdout: TEXT_14, stderr: "", code: 0 }),
    (&["help", "exec"], Want::Exit { stdout: TEXT_14, stderr: "", code: 0 }),
    (&["ps", "-f", "a=b", "--help"], Want::Exit { stdout: TEXT_15, stderr: "", code: 0 }),
    (&["run", "-e", "A", "-m", "1g", "--cpus", "2", "-a", "stdout", "--gpus", "all", "--memory-swap", "-1", "--mount", "type=bind,target=/a", "-p", "1:1", "--help"], Want::Exit { stdout: TEXT_16, stderr: "", code: 0 }),
    (&["system", "prune", "--filter", "a=b", "--help"], Want::Exit { stdout: "Usage:  docker system prune [OPTIONS]\n\nRemove unused data\n\nOptions:\n  -a, --all             Remove all unused images not just dangling ones\n      --filter filter   Provide filter values (e.g.\n                        \"label=<key>=<value>\") (default )\n  -f, --force           Do not prompt for confirmation\n      --volumes         Prune anonymous volumes\n", stderr: "", code: 0 }),
    (&["-H", "unix:///x", "--help"], Want::Exit { stdout: TEXT_17, stderr: "", code: 0 }),
    (&["-H", "unix:///x"], Want::Exit { stdout: "", stderr: TEXT_17, code: 0 }),
    (&["-H", "unix:///x", "help"], Want::Exit { stdout: TEXT_17, stderr: "", code: 0 }),
    (&["foo", "-H", "x", "--help"], Want::Exit { stdout: TEXT_17, stderr: "", code: 0 }),
    (&["run", "--cpus", "0", "-m", "0", "--help"], Want::Exit { stdout: TEXT_7, stderr: "", code: 0 }),
    (&["exec", "-e", "A", "--help"], Want::Exit { stdout: TEXT_18, stderr: "", code: 0 }),
    (&["images", "-f", "--no-trunc=0", "--help"], Want::Exit { stdout: TEXT_19, stderr: "", code: 0 }),
    (&["volume", "create", "--label", "a", "--help"], Want::Exit { stdout: TEXT_20, stderr: "", code: 0 }),
    (&["network", "create", "--subnet", "10.0.0.0/8", "--help"], Want::Exit { stdout: TEXT_21, stderr: "", code: 0 }),
    (&["ps"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["ps", "-a"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["ps", "-aq", "--filter", "status=exited"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["stop", "-t", "5", "web"], Want::Run { path: "docker stop", stdout_notice: "" }),
    (&["--version", "ps"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["--", "ps"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["-D", "--", "ps"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["-l", "Debug", "ps"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["container", "list", "-a"], Want::Run { path: "docker container ls", stdout_notice: "" }),
    (&["stop", "--time", "5", "web"], Want::Run { path: "docker stop", stdout_notice: "Flag --time has been deprecated, use --timeout instead\n" }),
    (&["images", "alpine"], Want::Run { path: "docker images", stdout_notice: "" }),
    (&["rmi", "-f", "a", "b"], Want::Run { path: "docker rmi", stdout_notice: "" }),
    (&["logs", "-n", "5", "web"], Want::Run { path: "docker logs", stdout_notice: "" }),
    (&["tag", "a", "b"], Want::Run { path: "docker tag", stdout_notice: "" }),
    (&["rename", "a", "b"], Want::Run { path: "docker rename", stdout_notice: "" }),
    (&["kill", "-s", "HUP", "a"], Want::Run { path: "docker kill", stdout_notice: "" }),
    (&["rm", "-fv", "a"], Want::Run { path: "docker rm", stdout_notice: "" }),
    (&["inspect", "-f", "{{.Id}}", "a"], Want::Run { path: "docker inspect", stdout_notice: "" }),
    (&["image", "rm", "x"], Want::Run { path: "docker image rm", stdout_notice: "" }),
    (&["container", "stop", "--time", "1", "a"], Want::Run { path: "docker container stop", stdout_notice: "Flag --time has been deprecated, use --timeout instead\n" }),
    (&["-H", "unix:///tmp/stub/b.sock", "ps"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["ps", "--help=false"], Want::Run { path: "docker ps", stdout_notice: "" }),
    (&["system", "prune", "-af", "--filter", "until=1h"], Want::Run { path: "docker system prune", stdout_notice: "" }),
    (&["run", "--rm", "-d", "alpine", "--help"], Want::Run { path: "docker run", stdout_notice: "" }),
];

fn argv(words: &[&str]) -> Vec<String> {
    std::iter::once("docker")
        .chain(words.iter().copied())
        .map(str::to_string)
        .collect()
}

#[test]
fn resolve_matches_the_real_client() {
    let mut failures = Vec::new();
    for (words, want) in CASES {
        let got = resolve(&argv(words));
        match (want, &got) {
            (
                Want::Exit {
                    stdout,
                    stderr,
                    code,
                },
                Resolution::Exit(e),
            ) => {
                if e.stdout() != *stdout || e.stderr() != *stderr || e.exit_code != *code {
                    failures.push(format!(
                        "docker {words:?}\n  want code {code} stdout {stdout:?}\n  stderr {stderr:?}\n  got  code {} stdout {:?}\n  stderr {:?}",
                        e.exit_code,
                        e.stdout(),
                        e.stderr()
                    ));
                }
            }
            (
                Want::Run {
                    path,
                    stdout_notice,
                },
                Resolution::Run(inv),
            ) => {
                let notices: String = inv
                    .notices
                    .iter()
                    .filter(|(c, _)| *c == Channel::Stdout)
                    .map(|(_, t)| t.as_str())
                    .collect();
                if inv.spec.path != *path || notices != *stdout_notice {
                    failures.push(format!(
                        "docker {words:?}: want run {path} {stdout_notice:?}, got {} {notices:?}",
                        inv.spec.path
                    ));
                }
            }
            _ => failures.push(format!("docker {words:?}: wrong kind: {got:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn parse_ok(path: &str, args: &str) -> Matches {
    let spec = command_spec(path).unwrap_or_else(|| panic!("no spec {path}"));
    match parse(spec, &words(args)) {
        Ok(Parsed::Args(m)) => m,
        other => panic!("{path} {args}: {other:?}"),
    }
}

#[test]
fn run_flags_and_command() {
    let m = parse_ok(
        "docker run",
        "-it --rm -p8080:80 -p 9090:90 --name=web -e A=1 -e B --memory 512m --cpus 1.5 -c 0x10 alpine sh -c --rm",
    );
    assert!(m.flag_bool("interactive") && m.flag_bool("tty") && m.flag_bool("rm"));
    assert!(!m.flag_bool("detach"));
    assert!(m.flag_bool("sig-proxy"), "defaults to true");
    assert_eq!(m.flag_list("publish"), ["8080:80", "9090:90"]);
    assert_eq!(m.flag_str("name"), Some("web"));
    assert_eq!(m.flag_list("env"), ["A=1", "B"]);
    assert_eq!(m.flag_bytes("memory"), Some(512 * 1024 * 1024));
    assert_eq!(m.flag_nano_cpus("cpus"), Some(1_500_000_000));
    assert_eq!(m.flag_int("cpu-shares"), Some(16));
    assert_eq!(m.flag_str("restart"), Some("no"));
    assert_eq!(m.flag_str("pull"), Some("missing"));
    assert_eq!(m.flag_str("hostname"), None);
    assert_eq!(m.positionals, ["alpine", "sh", "-c", "--rm"]);
    assert_eq!(
        m.flags_given(),
        [
            "interactive",
            "tty",
            "rm",
            "publish",
            "name",
            "env",
            "memory",
            "cpus",
            "cpu-shares"
        ]
    );
    assert!(m.was_set("publish") && !m.was_set("detach"));
}

#[test]
fn bool_values_and_clusters() {
    let m = parse_ok("docker run", "--rm=false -d=true -t=0 alpine");
    assert!(!m.flag_bool("rm") && m.flag_bool("detach") && !m.flag_bool("tty"));
    assert!(m.was_set("rm"));
    let m = parse_ok("docker ps", "-aq -n -1 --no-trunc=1");
    assert!(m.flag_bool("all") && m.flag_bool("quiet") && m.flag_bool("no-trunc"));
    assert_eq!(m.flag_int("last"), Some(-1));
    let m = parse_ok("docker ps", "");
    assert_eq!(
        m.flag_int("last"),
        Some(-1),
        "the default from the help text"
    );
    assert!(!m.was_set("last"));
    let m = parse_ok("docker ps", "-n3 --last=7");
    assert_eq!(m.flag_int("last"), Some(7));
    assert_eq!(m.flag_list("last"), ["3", "7"]);
}

#[test]
fn interspersed_and_double_dash() {
    let m = parse_ok("docker rm", "a -f b -- -c --force");
    assert!(m.flag_bool("force"));
    assert_eq!(m.positionals, ["a", "b", "-c", "--force"]);
    assert_eq!(m.args_len_at_dash(), Some(2));
    let m = parse_ok("docker exec", "-it -e X=1 web sh -c 'ls -l'");
    assert_eq!(m.positionals, ["web", "sh", "-c", "'ls", "-l'"]);
    let m = parse_ok("docker run", "--name --rm alpine");
    assert_eq!(
        m.flag_str("name"),
        Some("--rm"),
        "a value may look like a flag"
    );
    assert!(!m.flag_bool("rm"));
    let m = parse_ok("docker top", "c -ef");
    assert_eq!(m.positionals, ["c", "-ef"]);
}

#[test]
fn deprecated_time_is_an_alias_of_timeout() {
    let m = parse_ok("docker stop", "--time 5 web");
    assert_eq!(m.flag_int("timeout"), Some(5));
    assert_eq!(m.flag_int("time"), Some(5));
    assert!(m.was_set("timeout") && m.was_set("time"));
    assert_eq!(
        m.notices(),
        "Flag --time has been deprecated, use --timeout instead\n"
    );
    let m = parse_ok("docker stop", "-t=3 web");
    assert!(m.was_set("timeout") && !m.was_set("time"));
    assert_eq!(m.notices(), "");
    let m = parse_ok("docker restart", "web");
    assert_eq!(m.flag_int("timeout"), Some(0));
    assert!(!m.was_set("timeout"));
}

#[test]
fn lists_filters_and_typed_values() {
    let m = parse_ok(
        "docker ps",
        "-f Status=exited --filter name=web -f label=a=b",
    );
    assert_eq!(
        m.flag_list("filter"),
        ["status=exited", "name=web", "label=a=b"]
    );
    let m = parse_ok(
        "docker rmi",
        "--platform linux/amd64,linux/arm64 --platform x a",
    );
    assert_eq!(m.flag_list("platform"), ["linux/amd64", "linux/arm64", "x"]);
    let m = parse_ok(
        "docker run",
        "--health-interval 1m30s --dns 0:0::1 -a STDOUT --memory-swap -1 x",
    );
    assert_eq!(
        m.flag_duration_nanos("health-interval"),
        Some(90_000_000_000)
    );
    assert_eq!(m.flag_list("dns"), ["::1"]);
    assert_eq!(m.flag_list("attach"), ["stdout"]);
    assert_eq!(m.flag_bytes("memory-swap"), Some(-1));
    let m = parse_ok("docker logs", "web");
    assert_eq!(m.flag_str("tail"), Some("all"));
    assert_eq!(m.flag_list("tail"), [] as [String; 0]);
    let m = parse_ok("docker run", "--net host --net-alias a --network-alias b x");
    assert_eq!(m.flag_list("network"), ["host"]);
    assert_eq!(m.flag_list("network-alias"), ["a", "b"]);
}

#[test]
fn help_requests() {
    let spec = command_spec("docker container list").unwrap_or_else(|| panic!("spec"));
    assert_eq!(spec.path, "docker container ls");
    match parse(spec, &words("-a --help extra")) {
        Ok(Parsed::Help { stdout }) => {
            assert!(stdout.starts_with("Usage:  docker container ls [OPTIONS]\n"))
        }
        other => panic!("{other:?}"),
    }
    let run = command_spec("run").unwrap_or_else(|| panic!("spec"));
    match parse(run, &words("-h myhost alpine")) {
        Ok(Parsed::Args(m)) => assert_eq!(m.flag_str("hostname"), Some("myhost")),
        other => panic!("{other:?}"),
    }
    match parse(run, &words("alpine --help")) {
        Ok(p) => assert_eq!(p.positionals(), ["alpine", "--help"]),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn usage_errors_display_and_codes() {
    let ps = command_spec("docker ps").unwrap_or_else(|| panic!("spec"));
    let e = parse(ps, &words("--foo"))
        .err()
        .unwrap_or_else(|| panic!("error"));
    assert_eq!(e.kind, UsageErrorKind::UnknownFlag);
    assert_eq!(e.exit_code(), 125);
    assert_eq!(
        e.to_string(),
        "unknown flag: --foo\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information"
    );
    let stop = command_spec("docker stop").unwrap_or_else(|| panic!("spec"));
    let e = parse(stop, &words("--time 5"))
        .err()
        .unwrap_or_else(|| panic!("error"));
    assert_eq!(e.kind, UsageErrorKind::ArgCount);
    assert_eq!(e.exit_code(), 1);
    assert_eq!(
        e.notices(),
        "Flag --time has been deprecated, use --timeout instead\n"
    );
    let images = command_spec("docker images").unwrap_or_else(|| panic!("spec"));
    let e = parse(images, &words("a b"))
        .err()
        .unwrap_or_else(|| panic!("error"));
    assert!(e
        .to_string()
        .ends_with("SRun 'docker images --help' for more information"));
}

#[test]
fn every_command_has_a_consistent_spec() {
    let paths = command_paths();
    assert!(paths.len() > 150, "{}", paths.len());
    for path in paths {
        let spec = command_spec(path).unwrap_or_else(|| panic!("{path}"));
        assert_eq!(spec.path, path);
        assert!(spec.flag("help").is_some(), "{path} has --help");
        let mut longs: Vec<&str> = spec.flags.iter().map(|f| f.long).collect();
        longs.sort_unstable();
        longs.dedup();
        assert_eq!(longs.len(), spec.flags.len(), "{path}: duplicate flags");
        let mut shorts: Vec<char> = spec.flags.iter().filter_map(|f| f.short).collect();
        shorts.sort_unstable();
        let n = shorts.len();
        shorts.dedup();
        assert_eq!(shorts.len(), n, "{path}: duplicate shorthands");
        if !spec.is_group {
            assert!(spec.usage.starts_with(path), "{path}: {}", spec.usage);
        }
    }
    for alias in [
        "docker container ps",
        "docker container list",
        "docker container remove",
        "docker image list",
        "docker image remove",
        "docker network list",
        "docker volume remove",
        "docker stack up",
    ] {
        assert!(command_spec(alias).is_some(), "{alias}");
    }
    let ps = command_spec("docker ps").unwrap_or_else(|| panic!("ps"));
    let last = ps.flag("last").unwrap_or_else(|| panic!("last"));
    assert_eq!(
        (last.short, last.kind, last.default.as_deref()),
        (Some('n'), FlagKind::Int, Some("-1"))
    );
    let run = command_spec("docker run").unwrap_or_else(|| panic!("run"));
    let dct = run
        .flag("disable-content-trust")
        .unwrap_or_else(|| panic!("dct"));
    assert_eq!(
        dct.default.as_deref(),
        Some("true"),
        "default wrapped over two lines"
    );
    assert_eq!(run.flag("cgroupns").and_then(|f| f.default.clone()), None);
    assert_eq!(run.flag("ulimit").map(|f| f.kind), Some(FlagKind::Value));
    assert_eq!(
        run.flag("blkio-weight").map(|f| f.kind),
        Some(FlagKind::Uint(16))
    );
    assert!(!run.interspersed && run.flag("help").is_some_and(|f| f.short.is_none()));
    let root = command_spec("docker").unwrap_or_else(|| panic!("root"));
    assert_eq!(
        root.flag("log-level")
            .and_then(|f| f.default.clone())
            .as_deref(),
        Some("info")
    );
    assert_eq!(
        root.flag("host").map(|f| (f.short, f.kind)),
        Some((Some('H'), FlagKind::List))
    );
}
