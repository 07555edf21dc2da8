"""SSE memory per connection of local mode (docs/benchmarks.md, "SSE memory per connection").

Starts the release `local` binary on a fresh data directory, makes one room with one
participant, opens N connections from one asyncio client and reads the server's VmRSS and
VmHWM (/proc/<pid>/status) once they are all open. MODE:
  events  each connection is a live stream (GET /rooms/{id}/events) that has received its
          first two events; then a role change must reach all of them (latency printed);
  status  each connection made one GET /rooms/{id}/status and stays open (keep-alive);
  none    each connection is accepted and sends nothing.

    ulimit -n 20000
    python3 tests/bench/sse_memory.py 10000 target/release/local [events|status|none]

Standard library only. Set BENCH_PORT to move it off 38123.
"""
import asyncio, base64, glob, hashlib, hmac, json, os, re, subprocess, sys, tempfile, time
import urllib.request

N = int(sys.argv[1])
BIN = sys.argv[2]
MODE = sys.argv[3] if len(sys.argv) > 3 else "events"
SECRET = "bench-secret-0123456789abcdef0123"
PORT = int(os.environ.get("BENCH_PORT", "38123"))
BASE = f"http://127.0.0.1:{PORT}"

d = tempfile.mkdtemp()
env = dict(os.environ, PORT=str(PORT), HOST_JWT_SECRET=SECRET, DATA_DIR=d + "/data",
           OUTBOX_DIR=d + "/outbox", RUST_LOG="warn")
env.pop("HOST_JWT_ISSUER", None)
server = subprocess.Popen([BIN], env=env, stdout=subprocess.DEVNULL, stderr=open(d + "/server.err", "w"))


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = b64(json.dumps({"sub": "h", "org": "o", "exp": int(time.time()) + 3600}).encode())
TOKEN = f"{header}.{claims}." + b64(hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest())


def call(method, path, body=None):
    r = urllib.request.Request(BASE + path, method=method,
                               data=json.dumps(body).encode() if body is not None else None,
                               headers={"Authorization": "Bearer " + TOKEN,
                                        "Content-Type": "application/json", "Accept": "application/json"})
    return urllib.request.urlopen(r)


def status(field):
    """A field of the server's /proc/<pid>/status, in KiB (or a count)."""
    return int(re.search(field + r":\s+(\d+)", open(f"/proc/{server.pid}/status").read()).group(1))


for _ in range(100):
    try:
        call("GET", "/api/openapi.json")
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the server did not start:\n" + open(d + "/server.err").read())

starts_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
room = json.load(call("POST", "/api/rooms", {"title": "Bench", "starts_at": starts_at}))["room_id"]
call("POST", f"/api/rooms/{room}/invites", {"email": "ann@example.com"})
mail = open(sorted(glob.glob(d + "/outbox/*.eml"))[-1]).read()
link = re.search(r"/join/[A-Za-z0-9_-]{87}", mail).group(0)
joined = call("POST", link, {"email": "ann@example.com"})
cookie = [v for k, v in joined.getheaders() if k.lower() == "set-cookie"][0].split(";")[0]


async def main():
    before = status("VmRSS")
    conns = []
    t0 = time.time()

    async def one():
        rd, wr = await asyncio.open_connection("127.0.0.1", PORT)
        if MODE != "none":
            path = "events" if MODE == "events" else "status"
            wr.write(f"GET /rooms/{room}/{path} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
                     f"Accept: text/event-stream\r\n\r\n".encode())
            buf = b""
            while (buf.count(b"event: ") < 2) if MODE == "events" else (b"server_time" not in buf):
                chunk = await rd.read(4096)
                if not chunk:
                    raise RuntimeError(f"connection closed: {buf[:200]!r}")
                buf += chunk
        conns.append((rd, wr))

    for i in range(0, N, 200):
        await asyncio.gather(*[one() for _ in range(min(200, N - i))])
    opened = time.time() - t0
    await asyncio.sleep(1)
    after = status("VmRSS")
    print(f"{N} connections ({MODE}) open in {opened:.1f}s; VmRSS {before / 1024:.1f} MiB -> {after / 1024:.1f} MiB "
          f"({(after - before) / N:.1f} KiB per connection); VmHWM {status('VmHWM') / 1024:.1f} MiB; "
          f"threads {status('Threads')}")
    if MODE == "events":
        t1 = time.time()
        call("PUT", f"/api/rooms/{room}/participants/ann@example.com/role", {"role": "speaker"})
        latencies = []

        async def wait(rd):
            buf = b""
            while b"speaker" not in buf:
                buf += await rd.read(4096)
            latencies.append(time.time() - t1)

        await asyncio.gather(*[wait(rd) for rd, _ in conns])
        latencies.sort()
        print(f"role change reached all {N}: p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
              f"max {latencies[-1] * 1000:.0f} ms")
    for _, wr in conns:
        wr.close()


try:
    asyncio.run(main())
finally:
    server.terminate()
    server.wait()
