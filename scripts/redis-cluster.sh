#!/usr/bin/env bash
# A throwaway local Redis Cluster for tests and CI: 3 masters + 3 replicas on loopback ports
# BASE_PORT … BASE_PORT+5 (cluster bus on port+10000), from the `redis-server` binary, without persistence,
# in a temp dir. Nothing of the machine's own Redis is touched.
#
#   scripts/redis-cluster.sh start [BASE_PORT]   # default 17000; prints the store URL on success
#   scripts/redis-cluster.sh stop  [BASE_PORT]   # shuts the nodes down and removes the dir
#
# Exit codes: 0 ok, 1 failure, 2 a port is taken (pick another BASE_PORT).
# NODE_TIMEOUT (ms, default 15000) is cluster-node-timeout: long, so that a busy test machine that starves a
# node for a few seconds does not trigger a failover in the middle of a test.
set -euo pipefail

command=${1:-}
base=${2:-17000}
nodes=6
dir="${TMPDIR:-/tmp}/burnlink-redis-cluster-${base}"
ports=()
for ((i = 0; i < nodes; i++)); do ports+=($((base + i))); done

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop() {
  for port in "${ports[@]}"; do
    local pidfile="$dir/$port/redis.pid"
    if [[ -f $pidfile ]]; then
      redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$pidfile")" 2>/dev/null || true
    fi
  done
  for port in "${ports[@]}"; do
    local pidfile="$dir/$port/redis.pid"
    for _ in $(seq 50); do
      [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null || break
      sleep 0.1
    done
  done
  rm -rf "$dir"
}

start() {
  for port in "${ports[@]}"; do
    if ! port_free "$port" || ! port_free $((port + 10000)); then
      echo "port $port (or its bus port $((port + 10000))) is taken" >&2
      exit 2
    fi
  done
  if ! mkdir "$dir" 2>/dev/null; then
    echo "$dir exists: a cluster on base port $base may be running (stop it first)" >&2
    exit 2
  fi
  trap 'stop' ERR
  for port in "${ports[@]}"; do
    mkdir "$dir/$port"
    redis-server --port "$port" --bind 127.0.0.1 --protected-mode no --daemonize yes \
      --cluster-enabled yes --cluster-config-file "$dir/$port/nodes.conf" --cluster-node-timeout "${NODE_TIMEOUT:-15000}" \
      --appendonly no --save '' --dir "$dir/$port" \
      --pidfile "$dir/$port/redis.pid" --logfile "$dir/$port/redis.log"
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 100); do
      redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
      sleep 0.1
    done
  done
  local addresses=()
  for port in "${ports[@]}"; do addresses+=("127.0.0.1:$port"); done
  redis-cli --cluster create "${addresses[@]}" --cluster-replicas 1 --cluster-yes >"$dir/create.log" 2>&1 || {
    cat "$dir/create.log" >&2
    false
  }
  for port in "${ports[@]}"; do
    local ok=
    for _ in $(seq 200); do
      if redis-cli -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; then
        ok=1
        break
      fi
      sleep 0.1
    done
    if [[ -z $ok ]]; then
      echo "node $port did not reach cluster_state:ok" >&2
      false
    fi
  done
  trap - ERR
  local seeds
  seeds=$(IFS=,; echo "${addresses[*]}")
  echo "redis+cluster://$seeds"
}

case $command in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop [BASE_PORT]" >&2
    exit 1
    ;;
esac
