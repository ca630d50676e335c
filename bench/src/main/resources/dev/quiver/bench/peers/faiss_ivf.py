#!/usr/bin/python3
"""Faiss IVF-Flat peer of Quiver's IVF benchmark.

Builds faiss.IndexIVFFlat (flat coarse quantizer) over a base .fvecs file, then searches the query .fvecs file ONE
QUERY AT A TIME for each nprobe and measures recall@10 against a .ivecs ground truth, single-query latency (p50,
p99, in ms) and QPS. Training and adding use every OpenMP thread Faiss was given (the Quiver build it is compared
with also uses all cores); search uses --threads threads (1 by default: the comparison is single-threaded).

Output, on stdout, is one flat JSON object per line; progress goes to stderr:
  {"method":"faiss-ivf-flat","phase":"build","nlist":..,"train_s":..,"add_s":..,"build_threads":..,...}
  {"method":"faiss-ivf-flat","nlist":..,"nprobe":..,"recall_at_10":..,"qps":..,"latency_p50_ms":..,
   "latency_p99_ms":..}   (one line per nprobe)

Written for Debian's /usr/bin/python3 with python3-faiss (1.7.3) and numpy. Canonical copy: the classpath resource
dev/quiver/bench/peers/faiss_ivf.py of quiver-bench, which FaissIvfPeer writes to a temporary file and runs.
"""

import argparse
import json
import math
import sys
import time

import numpy as np
import faiss

METHOD = "faiss-ivf-flat"


def progress(message):
    print("[faiss_ivf] " + message, file=sys.stderr, flush=True)


def read_vecs(path, dtype, max_rows=None):
    """Rows of a TEXMEX .fvecs/.ivecs file (little-endian int32 dim, then dim 4-byte components) as a C-contiguous
    (rows, dim) array; only the first max_rows rows are read when max_rows is given."""
    raw = np.memmap(path, dtype="<i4", mode="r")
    if raw.size == 0:
        raise SystemExit("%s: empty file" % path)
    dim = int(raw[0])
    if dim <= 0 or raw.size % (dim + 1) != 0:
        raise SystemExit("%s: %d int32 words are not whole rows of 1 + %d" % (path, raw.size, dim))
    rows = raw.reshape(-1, dim + 1)
    if max_rows is not None:
        rows = rows[:max_rows]
    # Every row repeats the dimension; a mismatch means the file is not in this format.
    if not np.all(rows[:, 0] == dim):
        bad = int(np.argmax(rows[:, 0] != dim))
        raise SystemExit("%s: row %d has dimension %d, the first row %d" % (path, bad, int(rows[bad, 0]), dim))
    # Same item size (4 bytes), so the view reinterprets the bits without a copy; the copy makes it contiguous.
    return np.ascontiguousarray(rows[:, 1:].view(dtype))


def percentile_ms(nanos, fraction):
    """Nearest-rank quantile of latencies in ns, in ms (the rule of Quiver's LatencyStats)."""
    ordered = np.sort(nanos)
    rank = int(math.ceil(fraction * len(ordered))) - 1
    return float(ordered[max(0, min(len(ordered) - 1, rank))]) / 1e6


def build_index(base, metric, nlist):
    """Trains and fills IndexIVFFlat; returns (index, train seconds, add seconds).

    Faiss's Python wrapper keeps the quantizer referenced from the index, so it outlives this function."""
    dim = base.shape[1]
    if metric == "l2":
        quantizer = faiss.IndexFlatL2(dim)
        faiss_metric = faiss.METRIC_L2
    else:
        quantizer = faiss.IndexFlatIP(dim)
        faiss_metric = faiss.METRIC_INNER_PRODUCT
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss_metric)
    start = time.perf_counter()
    index.train(base)
    train_s = time.perf_counter() - start
    start = time.perf_counter()
    index.add(base)
    add_s = time.perf_counter() - start
    return index, train_s, add_s


def search_one_at_a_time(index, queries, k, warmup):
    """Runs `warmup` untimed queries, then every query once, timed; returns (ids (nq, k), latencies in ns, total s).

    Calls the SWIG-level search_c on preallocated buffers: the numpy wrapper `index.search` allocates two result
    arrays per call, Python overhead that would be charged to Faiss and not to its algorithm."""
    nq = queries.shape[0]
    distances = np.empty((1, k), dtype=np.float32)
    labels = np.empty((1, k), dtype=np.int64)
    d_ptr = faiss.swig_ptr(distances)
    l_ptr = faiss.swig_ptr(labels)
    query_ptrs = [faiss.swig_ptr(queries[i:i + 1]) for i in range(nq)]
    for i in range(min(warmup, nq)):
        index.search_c(1, query_ptrs[i], k, d_ptr, l_ptr)
    ids = np.empty((nq, k), dtype=np.int64)
    nanos = np.empty(nq, dtype=np.int64)
    clock = time.perf_counter_ns
    start = clock()
    for i in range(nq):
        t0 = clock()
        index.search_c(1, query_ptrs[i], k, d_ptr, l_ptr)
        nanos[i] = clock() - t0
        ids[i] = labels[0]
    total_s = (clock() - start) / 1e9
    return ids, nanos, total_s


def recall_at_10(ids, gt):
    """Mean |first 10 results ∩ first 10 true neighbours| / 10; missing results (-1) count as misses."""
    hits = 0
    for row, truth in zip(ids[:, :10], gt[:, :10]):
        hits += len(set(row.tolist()) & set(truth.tolist()))
    return hits / (10.0 * ids.shape[0])


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="base vectors, .fvecs")
    parser.add_argument("--query", required=True, help="query vectors, .fvecs")
    parser.add_argument("--gt", required=True, help="ground truth, .ivecs (base row indices, nearest first)")
    parser.add_argument("--metric", required=True, choices=["l2", "ip", "cosine"])
    parser.add_argument("--nlist", required=True, type=int, help="IVF partitions")
    parser.add_argument("--nprobe", required=True, help="comma-separated nprobe values, e.g. 1,2,4,8")
    parser.add_argument("--k", type=int, default=10, help="results per query (default 10)")
    parser.add_argument("--queries", type=int, default=0, help="use only the first M queries (0: all)")
    parser.add_argument("--threads", type=int, default=1, help="OpenMP threads for search (default 1)")
    parser.add_argument("--warmup", type=int, default=1000,
                        help="untimed queries before each timed pass (default 1000, capped at the query count)")
    parser.add_argument("--index-bytes", action="store_true",
                        help="also report the serialised index size in bytes (costs one copy of the index)")
    args = parser.parse_args(argv)
    if args.nlist <= 0 or args.k <= 0 or args.threads <= 0 or args.queries < 0 or args.warmup < 0:
        parser.error("nlist, k and threads must be positive; queries and warmup must not be negative")
    try:
        args.nprobe = [int(v) for v in args.nprobe.split(",") if v.strip()]
    except ValueError:
        parser.error("--nprobe: expected comma-separated integers, got %r" % args.nprobe)
    if not args.nprobe or min(args.nprobe) <= 0:
        parser.error("--nprobe: expected positive integers, got %r" % args.nprobe)
    return args


def main(argv):
    args = parse_args(argv)
    max_queries = args.queries if args.queries > 0 else None
    base = read_vecs(args.base, np.float32)
    queries = read_vecs(args.query, np.float32, max_queries)
    gt = read_vecs(args.gt, np.int32, max_queries)
    if base.shape[1] != queries.shape[1]:
        raise SystemExit("dimension mismatch: base %d, queries %d" % (base.shape[1], queries.shape[1]))
    if gt.shape[0] < queries.shape[0] or gt.shape[1] < 10:
        raise SystemExit("ground truth: %d rows of %d ids, need %d rows of at least 10"
                         % (gt.shape[0], gt.shape[1], queries.shape[0]))
    gt = gt[:queries.shape[0]]
    if args.metric == "cosine":
        # Quiver's cosine datasets are already unit vectors; normalising again is harmless and makes the script
        # correct for any file. Done before the build timer starts, as Quiver normalises on load.
        faiss.normalize_L2(base)
        faiss.normalize_L2(queries)

    build_threads = faiss.omp_get_max_threads()
    progress("building IVF-Flat: %d x %d, %s, nlist %d, %d threads"
             % (base.shape[0], base.shape[1], args.metric, args.nlist, build_threads))
    index, train_s, add_s = build_index(base, args.metric, args.nlist)
    build = {"method": METHOD, "phase": "build", "nlist": args.nlist, "train_s": round(train_s, 6),
             "add_s": round(add_s, 6), "build_threads": build_threads,
             # Faiss's defaults for IVF training, so the build comparison can say what Faiss did.
             "train_iterations": index.cp.niter,
             "train_points": min(base.shape[0], args.nlist * index.cp.max_points_per_centroid),
             "faiss_version": faiss.__version__}
    if args.index_bytes:
        build["index_bytes"] = int(faiss.serialize_index(index).size)
    print(json.dumps(build, separators=(",", ":")), flush=True)

    faiss.omp_set_num_threads(args.threads)
    for nprobe in args.nprobe:
        if nprobe > args.nlist:
            progress("nprobe %d > nlist %d: skipped" % (nprobe, args.nlist))
            continue
        index.nprobe = nprobe
        ids, nanos, total_s = search_one_at_a_time(index, queries, args.k, args.warmup)
        row = {"method": METHOD, "nlist": args.nlist, "nprobe": nprobe,
               "recall_at_10": round(recall_at_10(ids, gt), 6),
               "qps": round(queries.shape[0] / total_s, 3),
               "latency_p50_ms": round(percentile_ms(nanos, 0.5), 6),
               "latency_p99_ms": round(percentile_ms(nanos, 0.99), 6),
               "search_threads": args.threads}
        print(json.dumps(row, separators=(",", ":")), flush=True)
        progress("nprobe %d: recall@10 %.4f, %.0f QPS" % (nprobe, row["recall_at_10"], row["qps"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
