#!/usr/bin/env bash
# Measures the kompira command as a user meets it — whole processes, side by side with the tools it is
# compared with — and prints each row's ratio (docs/performance.md). Every figure is the median of
# ROUNDS runs, the tools alternating, on the same machine in one go.
#
#   kompira-bench/compare.sh [rows...]      rows: ssh50 ssh200 local loop hello (default: all)
#
# Needs: the build (mvn -B -DskipTests package), python3, /usr/bin/time (Debian's `time`), and for
# the SSH rows OpenSSH's sshd, ssh and ssh-keygen; ansible is compared too when it is installed.
# Environment: KOMPIRA (the command, default the build's kompira-cli/target/kompira-dist/bin/kompira),
# ROUNDS (default 5), JAVA_HOME (the JVM the launcher runs, as for the kompira command itself).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
KOMPIRA=${KOMPIRA:-$here/../kompira-cli/target/kompira-dist/bin/kompira}
ROUNDS=${ROUNDS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/kompira-compare.XXXXXX")
sshd_pids=()

cleanup() {
  for pid in "${sshd_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

die() { echo "compare.sh: $*" >&2; exit 2; }
[ -x "$KOMPIRA" ] || die "no kompira command at $KOMPIRA: run mvn -B -DskipTests package first"
[ -x /usr/bin/time ] || die "needs /usr/bin/time (apt-get install time)"
command -v python3 >/dev/null || die "needs python3"
# The interpreter itself: python3 on the PATH may be a wrapper (pyenv's shim is a shell script that
# runs several programs first, 0.27 s on our test machine, four times CPython's own start-up).
python=$(python3 -c 'import sys; print(sys.executable)')
[ -x "$python" ] || die "cannot find the python3 interpreter behind $(command -v python3)"

# measure NAME CMD...: one whole-process run; appends "seconds peak_kib" to $work/NAME
measure() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.$$" "$@" >/dev/null 2>"$work/err.$$" || {
    cat "$work/err.$$" >&2; die "$name failed: $*"; }
  cat "$work/time.$$" >>"$work/$name"
}

# median NAME COLUMN: the median of a column of $work/NAME (1: seconds, 2: peak RSS in KiB)
median() {
  cut -d ' ' -f "$2" "$work/$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# row TITLE OURS THEIRS BAR: prints the medians and the ratio against the bar
row() {
  local title=$1 ours=$2 theirs=$3 bar=$4 a b ra rb
  a=$(median "$ours" 1); b=$(median "$theirs" 1); ra=$(median "$ours" 2); rb=$(median "$theirs" 2)
  awk -v t="$title" -v a="$a" -v b="$b" -v ra="$ra" -v rb="$rb" -v bar="$bar" -v on="$ours" -v tn="$theirs" 'BEGIN {
    r = a / b
    printf "%-44s %-8s %7.3f s %6.0f MiB | %-8s %7.3f s %6.0f MiB | ratio %5.2f (bar <= %s) %s\n",
      t, on, a, ra / 1024, tn, b, rb / 1024, r, bar, (r <= bar ? "met" : "NOT met") }'
}

# ---- the loopback sshd farm: N sshd on 127.0.0.1 ports, a throw-away host key and login key ----

start_farm() {
  local n=$1 user port i dir
  command -v /usr/sbin/sshd >/dev/null && command -v ssh-keygen >/dev/null || die "the SSH rows need openssh-server"
  user=$(id -un)
  # OpenSSH refuses signals to root's sessions; the tests' user is used when it exists (.ci/run makes it)
  if [ "$user" = root ] && id kompira-it >/dev/null 2>&1; then user=kompira-it; fi
  farm_user=$user
  mkdir -p "$work/farm" && ssh-keygen -q -t ed25519 -N '' -f "$work/farm/id_ed25519"
  if [ "$user" != "$(id -un)" ]; then
    install -d -m 700 -o "$user" "$(getent passwd "$user" | cut -d: -f6)/.ssh"
    cat "$work/farm/id_ed25519.pub" >>"$(getent passwd "$user" | cut -d: -f6)/.ssh/authorized_keys"
  fi
  [ "$(id -u)" = 0 ] && mkdir -p /run/sshd
  : >"$work/farm/known_hosts"; : >"$work/farm/ports"
  for ((i = 0; i < n; i++)); do
    dir=$work/farm/sshd$i; mkdir -p "$dir"
    ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
    cp "$work/farm/id_ed25519.pub" "$dir/authorized_keys"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys $dir/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
MaxStartups 500
LogLevel ERROR
EOF
    /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/log" &
    sshd_pids+=($!)
    echo "[127.0.0.1]:$port $(cut -d ' ' -f 1,2 "$dir/host_key.pub")" >>"$work/farm/known_hosts"
    echo "$port" >>"$work/farm/ports"
  done
  for port in $(cat "$work/farm/ports"); do
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
  done
}

stop_farm() {
  for pid in "${sshd_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sshd_pids=()
  rm -rf "$work/farm"
}

ssh_row() {
  local n=$1 ports opts round
  start_farm "$n"
  ports=$(paste -sd, "$work/farm/ports")
  cat >"$work/fanout.kjf" <<EOF
{ pfor p in [$ports] |
    [__host__ = '127.0.0.1', __port__ = p, __user__ = '$farm_user', __keyfile__ = '$work/farm/id_ed25519', __use_cache__ = false] ->
    ['hostname']
}
EOF
  opts="-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$work/farm/known_hosts -o ControlMaster=no -i $work/farm/id_ed25519"
  for ((round = 0; round < ROUNDS; round++)); do
    measure "kompira-ssh$n" "$KOMPIRA" run --known-hosts="$work/farm/known_hosts" "$work/fanout.kjf"
    measure "openssh-ssh$n" sh -c "xargs -P $n -I{} ssh $opts -p {} $farm_user@127.0.0.1 hostname <'$work/farm/ports'"
  done
  row "pfor over $n sshd, hostname, fresh connections" "kompira-ssh$n" "openssh-ssh$n" 1.0
  if command -v ansible >/dev/null; then
    awk -v u="$farm_user" -v k="$work/farm/id_ed25519" '{ printf "h%d ansible_host=127.0.0.1 ansible_port=%s ansible_user=%s ansible_ssh_private_key_file=%s\n", NR, $1, u, k }' \
      "$work/farm/ports" >"$work/inventory"
    for ((round = 0; round < ROUNDS; round++)); do
      measure "ansible-ssh$n" env ANSIBLE_SSH_ARGS="$opts" ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 \
        ansible all -i "$work/inventory" -f "$n" -m command -a hostname
    done
    row "pfor over $n sshd, against Ansible" "kompira-ssh$n" "ansible-ssh$n" 1.0
  fi
  stop_farm
}

local_row() {
  echo "{ for i in 1000 | ['true'] }" >"$work/local.kjf"
  for ((round = 0; round < ROUNDS; round++)); do
    measure kompira-local "$KOMPIRA" run "$work/local.kjf"
    measure python-local "$python" -c "import subprocess
for i in range(1000): subprocess.run(['bash', '-c', 'true'])"
  done
  row "1 000 sequential local commands (true)" kompira-local python-local 1.3
}

loop_row() {
  echo "[s = 0] -> { for i in 10000000 | [s = s + i] }" >"$work/loop.kjf"
  for ((round = 0; round < ROUNDS; round++)); do
    measure kompira-loop "$KOMPIRA" run "$work/loop.kjf"
    measure python-loop "$python" -c "s = 0
for i in range(10000000): s = s + i"
  done
  row "for loop of 10 000 000 [s = s + i]" kompira-loop python-loop 1.0
  awk -v m="$(median kompira-loop 2)" 'BEGIN { printf "%-44s peak RSS %.0f MiB (bar <= 150) %s\n", "", m / 1024, (m / 1024 <= 150 ? "met" : "NOT met") }'
}

hello_row() {
  echo "print('hello')" >"$work/hello.kjf"
  for ((round = 0; round < ROUNDS; round++)); do
    measure kompira-hello "$KOMPIRA" run "$work/hello.kjf"
    measure python-hello "$python" -c 'print(1)'
  done
  row "print('hello')" kompira-hello python-hello 99
  awk -v a="$(median kompira-hello 1)" 'BEGIN { printf "%-44s start-up %.3f s (bar <= 0.15) %s\n", "", a, (a <= 0.15 ? "met" : "NOT met") }'
}

# The JVM the launcher runs (JAVA_HOME, else java on the PATH), and one run first: a JVM the
# distribution has not met yet makes its class archive on its first run, which is not what is measured.
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
echo "print('ready')" >"$work/ready.kjf"
"$KOMPIRA" run "$work/ready.kjf" >/dev/null || die "$KOMPIRA does not run"
echo "kompira: $KOMPIRA ($("$java" -version 2>&1 | head -1)); $python ($("$python" --version 2>&1)); $(nproc) cores; medians of $ROUNDS alternating runs"
for r in "${@:-ssh50 ssh200 local loop hello}"; do
  for one in $r; do
    case $one in
      ssh50) ssh_row 50 ;;
      ssh200) ssh_row 200 ;;
      local) local_row ;;
      loop) loop_row ;;
      hello) hello_row ;;
      *) die "unknown row $one (ssh50 ssh200 local loop hello)" ;;
    esac
  done
done
