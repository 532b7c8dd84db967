#!/usr/bin/env bash
# Makes sure what the test suites need is installed and answering on this machine:
# Debian packages (Chromium for the browser tests, nginx and HAProxy for the load-balancer test, rsyslog
# for the syslog shipping test, which starts its own rsyslogd, openssl for its TLS certificate, Caddy
# for the on-demand TLS test and dnsmasq for the custom-domain DNS tests; each test starts its own),
# Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432. Idempotent; run by .ci/run.
set -euo pipefail

need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v nginx >/dev/null 2>&1 || need_pkgs+=(nginx-light)
command -v haproxy >/dev/null 2>&1 || need_pkgs+=(haproxy)
command -v rsyslogd >/dev/null 2>&1 || [ -x /usr/sbin/rsyslogd ] || need_pkgs+=(rsyslog)
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
command -v redis-server >/dev/null 2>&1 || need_pkgs+=(redis-server)
command -v caddy >/dev/null 2>&1 || need_pkgs+=(caddy)
command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || need_pkgs+=(dnsmasq-base)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "ensure-services: installing ${need_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "ensure-services: starting Redis on 127.0.0.1:6379"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "ensure-services: starting PostgreSQL on 127.0.0.1:5432"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi

for i in $(seq 1 30); do
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "ensure-services: redis and postgresql answer"
    exit 0
  fi
  sleep 1
done
echo "ensure-services: redis or postgresql did not come up" >&2
exit 1
