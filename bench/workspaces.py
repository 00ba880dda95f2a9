#!/usr/bin/env python3
"""Workspace benchmarks (issue: workspaces), driven by bench/run.sh.

  workspaces.py WORKSTEAD_BINARY WORK_DIR SECONDS

1. Starts Workstead on a fresh SQLite data dir, registers the admin and
   creates a workspace through the API, stops the server.
2. Seeds 999 more members with one SQL script (the one seeding helper: 1,000
   argon2 sign-ups through the API would take minutes and measure nothing).
3. Restarts the server and drives GET /workspaces/{ws}/members?limit=50 with
   wrk (bearer token) for SECONDS, at 64 and at 4 connections.
4. Opens 1,000 concurrent long-polls (GET …/events?after=N&wait=25), reads
   the server's RSS while they are held, commits one change and checks that
   every poll answers with it.

Prints one JSON object per line: {"row": [name, rps, p50, p99]} for the table
and {"note": "..."} for lines under it. Traffic goes to 127.0.0.1 only; every
step is bounded in time.
"""
import asyncio
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

MEMBERS = 1000
POLLS = 1000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read() or b"null")


def start(binary, data_dir, port, log):
    proc = subprocess.Popen(
        [binary, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data_dir,
         "--log-level", "warn"],
        stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
            return proc
        except Exception:
            if proc.poll() is not None:
                sys.exit("workstead exited during start")
            time.sleep(0.02)
    proc.kill()
    sys.exit("workstead did not become ready")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def seed(db_path, workspace_id):
    """999 users with memberships, in one transaction, through SQLite."""
    db = sqlite3.connect(db_path)
    now = int(time.time() * 1000)
    roles = ["admin", "manager", "member", "member", "member", "guest"]
    with db:
        for i in range(1, MEMBERS):
            uid = f"0190b8d2-0000-7000-8000-{i:012d}"
            db.execute(
                "INSERT INTO users (id, email, name, password_hash, created_at, updated_at) "
                "VALUES (?, ?, ?, '', ?, ?)",
                (uid, f"member{i}@bench.example", f"Member {i}", now, now))
            db.execute(
                "INSERT INTO memberships (workspace_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)",
                (workspace_id, uid, roles[i % len(roles)], now + i))
    count = db.execute("SELECT COUNT(*) FROM memberships WHERE workspace_id = ?",
                       (workspace_id,)).fetchone()[0]
    db.close()
    return count


def to_ms(text):
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    n = float(m.group(1))
    return {"us": n / 1000, "ms": n, "s": n * 1000, "m": n * 60000}[m.group(2)]


def wrk(url, seconds, token, lua, connections):
    env = dict(os.environ, BENCH_TOKEN=token)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", lua,
                          url],
                         capture_output=True, text=True, env=env, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, bad.group(1) if bad else None


async def long_poll(port, path, token, results):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))
    body = await reader.readexactly(length)
    results.append((int(head.split()[1]), json.loads(body)))
    writer.close()


async def poll_memory(port, pid, ws_path, token):
    last = request(f"http://127.0.0.1:{port}{ws_path}/events?after=0", token=token)["last_seq"]
    before = rss_kib(pid)
    results = []
    path = f"{ws_path}/events?after={last}&wait=25"
    tasks = [asyncio.create_task(long_poll(port, path, token, results)) for _ in range(POLLS)]
    await asyncio.sleep(3)  # every poll connected and held
    held = rss_kib(pid)
    pending = sum(1 for t in tasks if not t.done())
    started = time.time()
    await asyncio.get_running_loop().run_in_executor(
        None, lambda: request(f"http://127.0.0.1:{port}{ws_path}", "PATCH", {"name": "Bench 2"}, token))
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=20)
    released_ms = (time.time() - started) * 1000
    delivered = sum(1 for status, body in results if status == 200 and body["events"])
    return before, held, pending, delivered, released_ms


def start_with_workspace(binary, work, tag):
    """Starts Workstead on WORK/data-TAG (log WORK/TAG-server.log), registers
    the owner and creates a workspace. Answers (proc, data, port, log, base,
    token, workspace)."""
    data = os.path.join(work, f"data-{tag}")
    os.makedirs(data, exist_ok=True)
    port = free_port()
    log = open(os.path.join(work, f"{tag}-server.log"), "ab")
    base = f"http://127.0.0.1:{port}/api/v1"
    proc = start(binary, data, port, log)
    auth = request(f"{base}/auth/register", "POST",
                   {"email": "owner@bench.example", "password": "bench-password-4711", "name": "Owner"})
    token = auth["access_token"]
    ws = request(f"{base}/workspaces", "POST", {"name": "Bench"}, token)
    return proc, data, port, log, base, token, ws


def main():
    binary, work, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    lua = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lua", "bearer.lua")
    proc, data, port, log, base, token, ws = start_with_workspace(binary, work, "workspaces")
    proc.terminate()
    proc.wait(timeout=15)

    members = seed(os.path.join(data, "workstead.db"), ws["id"])
    proc = start(binary, data, port, log)
    try:
        ws_path = f"/api/v1/workspaces/{ws['id']}"
        page = request(f"{base}/workspaces/{ws['id']}/members?limit=50", token=token)
        assert len(page["items"]) == 50 and page["next_cursor"], "members are not paged as expected"
        # Saturated (64 connections: p99 is mostly queueing) and lightly
        # loaded (4 connections: the latency one request sees).
        for connections in (64, 4):
            rps, p50, p99, bad = wrk(f"http://127.0.0.1:{port}{ws_path}/members?limit=50", seconds,
                                     token, lua, connections)
            print(json.dumps({"row": [
                f"GET /workspaces/{{ws}}/members?limit=50 ({members} members, {connections} conns)",
                rps, p50, p99]}))
            if bad:
                print(json.dumps({"note": f"members: {bad} non-2xx answers"}))
        before, held, pending, delivered, released_ms = asyncio.run(
            poll_memory(port, proc.pid, ws_path, token))
        extra_mib = (held - before) / 1024
        print(json.dumps({"note": (
            f"{POLLS} concurrent long-polls: {pending} held at once, RSS {before / 1024:.1f} MiB -> "
            f"{held / 1024:.1f} MiB (+{extra_mib:.1f} MiB, {(held - before) / POLLS:.1f} KiB each); "
            f"one commit answered {delivered}/{POLLS} within {released_ms:.0f} ms")}))
    finally:
        proc.terminate()
        proc.wait(timeout=15)


if __name__ == "__main__":
    main()
