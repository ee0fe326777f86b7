"""The measuring half of bench-streams.sh: drives the cluster over its REST API and prints the figures."""
import http.client, json, os, statistics, sys, threading, time, urllib.parse

base, seconds, topology, baseline_collect, baseline_discard = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
pids = sys.argv[6:]
url = urllib.parse.urlparse(base)
headers = {"Authorization": "Bearer " + os.environ["DISTSYS_API_TOKEN"]}

def call(method, path, body=None, content_type="application/json", conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    conn.request(method, path, body, {**headers, "Content-Type": content_type})
    response = conn.getresponse()
    data = response.read()
    if own:
        conn.close()
    return response.status, data

def submit(name, nodes):
    for _ in range(10):
        # Right after the ingestion clients the address may still be over the API's rate limit: wait as told.
        status, data = call("POST", "/api/jobs", json.dumps({"name": name, "type": "streaming", "config": nodes}))
        if status != 429:
            break
        time.sleep(1)
    assert status == 201, data
    return json.loads(data)["job_id"]

def status(job):
    return json.loads(call("GET", f"/api/jobs/{job}")[1])

def node(view, name):
    return next(n for n in view["nodes"] if n["id"] == name)

def rss():
    return [int(next(l for l in open(f"/proc/{p}/status") if l.startswith("VmRSS")).split()[1]) // 1024 for p in pids]

# 1. The generator pipeline.
idle = rss()
job = submit("bench", json.loads(topology))
time.sleep(5)
v0, t0 = status(job), time.monotonic()
peak = idle
while time.monotonic() - t0 < seconds:
    time.sleep(1)
    peak = [max(a, b) for a, b in zip(peak, rss())]
v1, t1 = status(job), time.monotonic()
elapsed = t1 - t0
read = (v1["sources"][0]["read"] - v0["sources"][0]["read"]) / elapsed
sunk = (node(v1, "out")["events_in"] - node(v0, "out")["events_in"]) / elapsed
passed = (node(v1, "per_key")["events_in"] - node(v0, "per_key")["events_in"]) / elapsed
places = {n["id"]: [i["runs_on"] for i in n["instances"]] for n in v1["nodes"]}
backlog = {n["id"]: n["backlog"] for n in v1["nodes"]}
call("DELETE", f"/api/jobs/{job}")
base_rate = float(baseline_collect.split()[3])
discard_rate = float(baseline_discard.split()[3])
print(f"generator pipeline (master + 2 workers), {elapsed:.0f} s after a 5 s warm-up: {read:,.0f} events/s generated, "
      f"{passed:,.0f}/s into the count, {sunk:,.0f}/s into the collect sink")
print(f"  placed: {places}; backlog (batches) at the end: {backlog}")
print(f"baseline (1 process, Channels, same operators, SQLite collect): {base_rate:,.0f} events/s -> ratio {read / base_rate:.2f}x")
print(f"baseline with a sink that only counts: {discard_rate:,.0f} events/s (the collect store's share of the time: "
      f"{1 - base_rate / discard_rate:.0%})")
edges, credits, batch = 2 + 4 + 2, 8, 1024
inflight = edges * credits * batch
print(f"memory: RSS master/worker1/worker2 idle {idle} MB, peak {peak} MB; at most {inflight} events in flight "
      f"({edges} edges x {credits} credits x {batch}); {sum(peak) - sum(idle)} MB more under load = "
      f"{(sum(peak) - sum(idle)) * 2**20 / inflight:,.0f} B per in-flight event (bound: credits x batch buffer = "
      f"{credits * 128} KiB per edge buffer, 128 KiB per batch of 1024 100-byte events)")

# 2. http ingestion: 4 clients, bodies of 1000 lines of 100 bytes.
ingest_nodes = {"topology": {"nodes": [
    {"id": "in", "source": "http"},
    {"id": "valid", "op": "filter", "input": "in", "where": {"field": "amount", "gt": 0}, "parallelism": 2},
    {"id": "per_key", "op": "count", "input": "valid", "key": "key", "parallelism": 2},
    {"id": "out", "sink": "collect", "input": "per_key"}]}}

def body(first, lines=1000):
    out = []
    for i in range(first, first + lines):
        line = f'{{"seq":{i},"key":"k{i % 10000}","amount":{i % 900 - 100},"pad":"'
        out.append(line + "x" * (98 - len(line)) + '"}')
    return ("\n".join(out) + "\n").encode()

job = submit("ingest", ingest_nodes)
bodies = [body(b * 1000) for b in range(20)]
accepted, refused, stop = [0], [0], time.monotonic() + min(seconds, 15)
lock = threading.Lock()
def client(k):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    n = k
    while time.monotonic() < stop:
        code, data = call("POST", f"/api/streams/{job}/sources/in", bodies[n % len(bodies)], "application/x-ndjson", conn)
        with lock:
            if code == 202:
                accepted[0] += json.loads(data)["accepted"]
            else:
                refused[0] += 1
        if code != 202:
            time.sleep(0.01)  # the log is full: back off a little rather than spin (Retry-After is whole seconds)
        n += 4
started = time.monotonic()
threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
ingest_rate = accepted[0] / (time.monotonic() - started)
print(f"http ingestion, 4 clients, 1000-line bodies of 100-byte events: {ingest_rate:,.0f} events/s accepted "
      f"({refused[0]} bodies answered 429 while the log was full)")

# Latency at half that rate: one client paces bodies; a poller records when acked passes each body's end.
call("DELETE", f"/api/jobs/{job}")
job = submit("latency", ingest_nodes)
rate = ingest_rate / 2
size = 1000
pending, latencies, done = {}, [], [False]
def poller():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    while not done[0] or pending:
        view = json.loads(call("GET", f"/api/jobs/{job}", conn=conn)[1])
        if not view.get("sources"):
            time.sleep(0.005)
            continue
        acked = view["sources"][0]["acked"]
        now = time.monotonic()
        with lock:
            for end in [e for e in pending if e <= acked]:
                latencies.append(now - pending.pop(end))
        time.sleep(0.005)
poll = threading.Thread(target=poller)
poll.start()
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
begin, sent = time.monotonic(), 0
while time.monotonic() - begin < min(seconds, 15):
    due = begin + sent / rate
    if due > time.monotonic():
        time.sleep(due - time.monotonic())
    at = time.monotonic()
    code, data = call("POST", f"/api/streams/{job}/sources/in", body(sent, size), "application/x-ndjson", conn)
    if code == 202:
        with lock:
            pending[json.loads(data)["end"]] = at
    sent += size
done[0] = True
poll.join(timeout=60)
call("DELETE", f"/api/jobs/{job}")
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print(f"ingest-to-sink latency at {rate:,.0f} events/s (bodies of {size}): p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms "
      f"over {len(latencies)} bodies (polled every 5 ms, so +-5 ms)")
