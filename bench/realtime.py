#!/usr/bin/env python3
"""WebSocket hub benchmarks (issue 6), driven by bench/run.sh.

  realtime.py WORKSTEAD_BINARY BENCH_TOOL WORK_DIR [SECONDS] [IDLE_SOCKETS]

Starts Workstead on a fresh SQLite data dir with the per-IP/per-user socket
caps and max_connections raised (one load generator on one address), raises
the open-file limit for both processes, and runs workstead-bench-realtime
(bench/realtime.cpp): fan-out of one event to 1,000 sockets, SECONDS (60) of
100 events/s into them, then IDLE_SOCKETS (10,000) idle sockets with the
server's RSS and HTTP latency meanwhile. Passes its JSON lines through.
"""
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary, tool, work = sys.argv[1], sys.argv[2], sys.argv[3]
    seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    idle = int(sys.argv[5]) if len(sys.argv) > 5 else 10000
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < idle + 2000:
        print('{"note": "realtime: open-file limit %d is below %d sockets"}' % (hard, idle),
              flush=True)
        idle = max(0, hard - 2000)
    data = os.path.join(work, "data-realtime")
    os.makedirs(data, exist_ok=True)
    port = free_port()
    env = dict(os.environ, WORKSTEAD_RATE_LIMIT_PER_IP="0")
    log = open(os.path.join(work, "realtime-server.log"), "ab")
    proc = subprocess.Popen(
        [binary, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data, "--log-level", "warn",
         "--max-connections", str(idle + 5000), "--realtime-max-per-ip", str(idle + 5000),
         "--realtime-max-per-user", str(idle + 5000), "--realtime-messages-per-second", "1000"],
        stdout=subprocess.DEVNULL, stderr=log, env=env)
    try:
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
                break
            except Exception:
                if proc.poll() is not None or time.time() > deadline:
                    sys.exit("workstead did not become ready")
                time.sleep(0.02)
        # Two shared cores: the load next to the numbers says what they mean.
        print('{"note": "realtime: load average %.2f at the start"}' % os.getloadavg()[0],
              flush=True)
        result = subprocess.run(
            [tool, "--port", str(port), "--pid", str(proc.pid), "--sockets", "1000",
             "--idle", str(idle), "--seconds", str(seconds), "--rate", "100"],
            timeout=seconds + 600)
        print('{"note": "realtime: load average %.2f at the end"}' % os.getloadavg()[0], flush=True)
        sys.exit(result.returncode)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
