#!/bin/sh
# terway-lint node inventory (format version 1). Read-only: it lists, it never changes anything.
# Prints JSON lines:
#   {"kind":"begin","v":1}                       first line
#   {"kind":"note","message":"..."}             something that could not be listed, and why
#   {"kind":"container","runtime":"docker|nerdctl","id":..,"name":..,"image":..,"ports":..,"pod":..,"project":..,"service":..}
#                                                containers not managed by the kubelet, `ports` as `docker ps` shows them
#   {"kind":"ctr","namespace":..,"id":..}        containerd containers outside the kubelet's k8s.io namespace (no port publishing)
#   {"kind":"socket","tool":"ss|netstat","line":"..."}  one listening socket, the tool's own line
#   {"kind":"proc","pid":N,"cgroup":"kubepods|docker|containerd|host"}  where a listening process runs
#   {"kind":"end"}                               last line: without it the output was cut off
# Always exits 0.
LC_ALL=C
export LC_ALL

esc() {
  # JSON string body: backslash, double quote, and control characters.
  tr -d '\000-\010\013-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/ /g'
}
note() {
  printf '{"kind":"note","message":"%s"}\n' "$(printf '%s' "$1" | esc)"
}
have() {
  command -v "$1" >/dev/null 2>&1
}

printf '{"kind":"begin","v":1}\n'

FMT='{"id":{{json .ID}},"name":{{json .Names}},"image":{{json .Image}},"ports":{{json .Ports}},"pod":{{json (.Label "io.kubernetes.pod.name")}},"project":{{json (.Label "com.docker.compose.project")}},"service":{{json (.Label "com.docker.compose.service")}}}'

list_engine() {
  # $1: docker or nerdctl. Containers with a kubelet pod label are left out.
  out=$("$1" ps --no-trunc --format "$FMT" 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    note "$1 ps failed (exit $rc): $(printf '%s' "$out" | head -c 300)"
    return
  fi
  printf '%s\n' "$out" | while IFS= read -r line; do
    case "$line" in
      '{'*) ;;
      *) continue ;;
    esac
    case "$line" in
      *'"pod":"'[!\"]*) continue ;;
    esac
    printf '{"kind":"container","runtime":"%s",%s\n' "$1" "${line#\{}"
  done
}

if have docker; then list_engine docker; else note "docker not found"; fi
if have nerdctl; then list_engine nerdctl; fi

if have ctr; then
  nss=$(ctr namespaces list -q 2>&1)
  if [ $? -ne 0 ]; then
    note "ctr namespaces list failed: $(printf '%s' "$nss" | head -c 300)"
  else
    for ns in $nss; do
      case "$ns" in k8s.io|moby) continue ;; esac
      ctr -n "$ns" containers list -q 2>/dev/null | while IFS= read -r id; do
        [ -n "$id" ] && printf '{"kind":"ctr","namespace":"%s","id":"%s"}\n' "$(printf '%s' "$ns" | esc)" "$(printf '%s' "$id" | esc)"
      done
    done
  fi
else
  note "ctr not found"
fi

SOCKS=""
if have ss; then
  SOCKS=$(ss -lntupH 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then note "ss failed (exit $rc): $(printf '%s' "$SOCKS" | head -c 300)"; SOCKS=""; else TOOL=ss; fi
elif have netstat; then
  SOCKS=$(netstat -lntup 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then note "netstat failed (exit $rc): $(printf '%s' "$SOCKS" | head -c 300)"; SOCKS=""; else TOOL=netstat; fi
else
  note "no socket tool: neither ss nor netstat found"
fi

if [ -n "$SOCKS" ]; then
  printf '%s\n' "$SOCKS" | while IFS= read -r line; do
    case "$line" in
      ''|Active*|Proto*|Netid*) continue ;;
    esac
    printf '{"kind":"socket","tool":"%s","line":"%s"}\n' "$TOOL" "$(printf '%s' "$line" | esc)"
  done
  # Where each listening process runs: a pod (kubepods), a container, or the host.
  printf '%s\n' "$SOCKS" | sed -n -e 's/.*pid=\([0-9][0-9]*\).*/\1/p' -e 's/.* \([0-9][0-9]*\)\/[^ ]*[ ]*$/\1/p' | sort -u | while IFS= read -r pid; do
    cg=host
    if [ -r "/proc/$pid/cgroup" ]; then
      c=$(cat "/proc/$pid/cgroup" 2>/dev/null)
      case "$c" in
        *kubepods*) cg=kubepods ;;
        *docker*) cg=docker ;;
        *containerd*|*nerdctl*) cg=containerd ;;
      esac
    fi
    printf '{"kind":"proc","pid":%s,"cgroup":"%s"}\n' "$pid" "$cg"
  done
fi

printf '{"kind":"end"}\n'
exit 0
