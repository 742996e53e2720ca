package vaultgen

// Vocabulary for the synthetic notes. The words are study-note English on
// computer science and maths, like the notes in the real-world corpus;
// nothing here is card syntax (no braces, "::" or '#' outside code).

var subjects = []string{
	"Computer Science", "Mathematics", "Databases & SQL", "Networks",
	"Operating Systems", "🔴 Academic", "Cloud · AWS", "Algorithms",
	"Software Engineering", "Statistics", "Security", "Compilers",
	"Distributed Systems", "Linear Algebra", "Theory of Computation", "Graphics",
}

var courses = []string{
	"Data Structures", "Analysis I", "Relational Design", "TCP and IP",
	"Scheduling", "Probability", "Kinesis & Streams", "Graph Algorithms",
	"Testing", "Regression", "Cryptography", "Parsing",
	"Consensus", "Vector Spaces", "Automata", "Rasterisation",
	"Concurrency", "Query Tuning", "Caching", "Type Systems",
}

var chapters = []string{"Lecture Notes", "Exercises", "Exam Prep", "Reading"}

var courseParts = []string{"Lecture", "Lab"}

var topics = []string{
	"Hash Tables", "Binary Search", "Red-Black Trees", "B-Trees", "Tries",
	"Dijkstra", "A-Star Search", "Union Find", "Heaps", "Quicksort",
	"Merge Sort", "Dynamic Programming", "Spin Locks", "Semaphores",
	"Page Tables", "TLB", "Virtual Memory", "Round Robin", "Deadlocks",
	"Normal Forms", "Window Functions", "Indexes", "Transactions", "MVCC",
	"Two-Phase Commit", "Raft", "Paxos", "Vector Clocks", "Bloom Filters",
	"Consistent Hashing", "TCP Congestion Control", "DNS", "TLS Handshake",
	"Eigenvalues", "Determinants", "Gaussian Elimination", "Bayes Theorem",
	"Markov Chains", "Linear Regression", "Gradient Descent", "Regular Languages",
	"Pumping Lemma", "Turing Machines", "Halting Problem", "LR Parsing",
	"Register Allocation", "Garbage Collection", "Closures", "Generics",
	"Kinesis Data Streams", "Kinesis Firehose", "S3 Consistency", "IAM Policies",
}

var nouns = []string{
	"the scheduler", "a hash function", "the invariant", "each node", "the leader",
	"the buffer", "the query planner", "a transaction", "the kernel", "the client",
	"the root", "an edge", "the matrix", "the estimator", "the parser", "the cache",
	"a shard", "the stream", "the allocator", "the compiler", "every thread",
	"the index", "a replica", "the heap", "the automaton", "the proof",
}

var verbs = []string{
	"guarantees", "stores", "rebalances", "reads", "rejects", "forwards",
	"locks", "evicts", "sorts", "merges", "splits", "commits", "replicates",
	"bounds", "approximates", "compiles", "schedules", "hashes", "validates",
	"partitions", "propagates", "minimises",
}

var objects = []string{
	"the lowest key", "a consistent snapshot", "the pending writes",
	"every incoming record", "the shortest path", "the previous state",
	"a single partition", "the free list", "the critical section",
	"the remaining work", "all dirty pages", "the expected value",
	"the next token", "a quorum of votes", "the left subtree",
	"the leftover capacity", "the sequence number", "the sorted run",
}

var tails = []string{
	"before the next step starts", "in amortised constant time",
	"as long as the lock is held", "after a timeout expires",
	"without touching the disk", "when the load factor grows",
	"so that no update is lost", "in the worst case",
	"for every input of size n", "unless the input is already sorted",
	"while the other threads wait", "once the majority has answered",
}

var connectors = []string{
	"In practice,", "Note that", "As a rule,", "By contrast,", "In short,",
	"For example,", "Usually", "In the exam,", "Importantly,", "Afterwards",
}

var questionForms = []string{
	"What is %s?", "How does %s work?", "Why is %s useful?",
	"When should you prefer %s?", "What are the drawbacks of %s?",
	"Which invariant does %s keep?", "How fast is %s?",
	"What problem does %s solve?", "How is %s implemented?",
	"What is the difference between %s and its naive variant?",
}

var concepts = []string{
	"rehashing", "path compression", "a rotation", "the load factor",
	"lazy deletion", "write-ahead logging", "a checkpoint", "leader election",
	"log compaction", "the happens-before relation", "a false positive",
	"virtual nodes", "slow start", "a recursive resolver", "forward secrecy",
	"the characteristic polynomial", "pivoting", "the prior", "the stationary distribution",
	"the learning rate", "a minimal DFA", "a reduction", "a shift-reduce conflict",
	"graph colouring", "a write barrier", "escape analysis", "type inference",
	"the partition key", "buffering hints", "a read replica", "the shard iterator",
	"snapshot isolation", "a covering index", "the frame clause", "priority inversion",
	"the working set", "a page fault", "a ticket lock", "memoisation", "a stable sort",
}

var inlineMath = []string{
	`$O(n \log n)$`, `$O(1)$`, `$x^2 + y^2 = r^2$`, `$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$`,
	`$P(A \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}$`, `$\lambda_1 \ge \lambda_2$`,
	`$\det(A - \lambda I) = 0$`, `$2^{h+1} - 1$`, `$\alpha(n)$`, `$\mathbb{E}[X]$`,
	`$n \cdot \log_2 n$`, `$a \equiv b \pmod{m}$`,
}

var displayMath = []string{
	`$$\int_0^1 x^2\,dx = \frac{1}{3}$$`,
	`$$T(n) = 2\,T\!\left(\frac{n}{2}\right) + O(n)$$`,
	`$$\hat{\beta} = (X^\top X)^{-1} X^\top y$$`,
	`$$\Pr[\text{false positive}] \approx \left(1 - e^{-kn/m}\right)^k$$`,
	`$$\sum_{k=0}^{n} \binom{n}{k} = 2^n$$`,
}

var alignedMath = []string{
	"$$\n\\begin{aligned}\n(a+b)^2 &= (a+b)(a+b) \\\\\n        &= a^2 + 2ab + b^2\n\\end{aligned}\n$$",
	"$$\n\\begin{aligned}\nT(n) &= T(n-1) + n \\\\\n     &= \\sum_{i=1}^{n} i \\\\\n     &= \\frac{n(n+1)}{2}\n\\end{aligned}\n$$",
	"$$\n\\begin{alignat*}{2}\nx + y &= 3 &\\quad& \\text{(I)} \\\\\nx - y &= 1 && \\text{(II)}\n\\end{alignat*}\n$$",
}

// clozeFacts are sentences with one hidden span, written as prefix, span, suffix.
var clozeFacts = [][3]string{
	{"Kinesis keeps stream data for ", "24 hours", " by default."},
	{"A shard accepts up to ", "1 MB/s", " of writes."},
	{"Quicksort is not ", "stable", " in its usual in-place form."},
	{"Raft elects a leader with a ", "randomised election timeout", "."},
	{"A B-tree of order m has at most ", "m children", " per node."},
	{"TCP starts a connection in ", "slow start", "."},
	{"The third normal form removes ", "transitive dependencies", "."},
	{"A Bloom filter never gives a ", "false negative", "."},
	{"Dijkstra's algorithm fails with ", "negative edge weights", "."},
	{"MVCC readers never block ", "writers", "."},
	{"The TLB caches ", "page table entries", "."},
	{"Two-phase commit blocks when the ", "coordinator", " crashes."},
}

var codeSnippets = map[string][]string{
	"go": {
		"func find(xs []int, x int) int {\n\tlo, hi := 0, len(xs)\n\tfor lo < hi {\n\t\tmid := int(uint(lo+hi) >> 1)\n\t\tif xs[mid] < x {\n\t\t\tlo = mid + 1\n\t\t} else {\n\t\t\thi = mid\n\t\t}\n\t}\n\treturn lo\n}",
		"type Cache struct {\n\tmu   sync.Mutex\n\titems map[string][]byte\n}\n\n// Get returns the value stored under key.\nfunc (c *Cache) Get(key string) ([]byte, bool) {\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\tv, ok := c.items[key]\n\treturn v, ok\n}",
		"func main() {\n\tch := make(chan int)\n\tgo func() {\n\t\tfor i := 0; i < 3; i++ {\n\t\t\tch <- i\n\t\t}\n\t\tclose(ch)\n\t}()\n\tfor v := range ch {\n\t\tfmt.Println(v) // {not a cloze}\n\t}\n}",
	},
	"python": {
		"def fib(n: int, memo: dict[int, int] = {}) -> int:\n    # memoised Fibonacci\n    if n < 2:\n        return n\n    if n not in memo:\n        memo[n] = fib(n - 1) + fib(n - 2)\n    return memo[n]",
		"import heapq\n\ndef dijkstra(graph, source):\n    dist = {source: 0}\n    queue = [(0, source)]\n    while queue:\n        d, u = heapq.heappop(queue)\n        for v, w in graph[u]:\n            if d + w < dist.get(v, float(\"inf\")):\n                dist[v] = d + w\n                heapq.heappush(queue, (d + w, v))\n    return dist",
		"class Node:\n    def __init__(self, key):\n        self.key = key\n        self.left = self.right = None\n\n\ndef insert(root, key):\n    if root is None:\n        return Node(key)\n    if key < root.key:\n        root.left = insert(root.left, key)\n    else:\n        root.right = insert(root.right, key)\n    return root",
	},
	"sql": {
		"SELECT department, name, salary,\n       RANK() OVER (PARTITION BY department ORDER BY salary DESC) AS rnk\nFROM employees\nWHERE hired >= DATE '2020-01-01';",
		"CREATE INDEX idx_orders_customer ON orders (customer_id, created_at);\n\n-- covering index for the report\nSELECT customer_id, COUNT(*)\nFROM orders\nGROUP BY customer_id\nHAVING COUNT(*) > 10;",
		"BEGIN TRANSACTION;\nUPDATE accounts SET balance = balance - 100 WHERE id = 1;\nUPDATE accounts SET balance = balance + 100 WHERE id = 2;\nCOMMIT;",
	},
	"js": {
		"function debounce(fn, ms) {\n  let timer;\n  return (...args) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}",
		"const counts = words.reduce((acc, w) => {\n  acc[w] = (acc[w] ?? 0) + 1;\n  return acc;\n}, {});\n\nconsole.log(Object.entries(counts).sort((a, b) => b[1] - a[1]));",
		"export async function load(url) {\n  const res = await fetch(url);\n  if (!res.ok) throw new Error(`HTTP ${res.status}`);\n  return res.json();\n}",
	},
	"bash": {
		"#!/usr/bin/env bash\nset -euo pipefail\n\nfor f in *.log; do\n  gzip -9 \"$f\"\ndone",
		"aws kinesis put-record \\\n  --stream-name orders \\\n  --partition-key customer-42 \\\n  --data \"$(base64 <<< '{\"id\": 1}')\"",
		"# count requests per status code\nawk '{print $9}' access.log | sort | uniq -c | sort -rn | head",
	},
}

var codeLangs = []string{"go", "python", "sql", "js", "bash"}

var tableHeads = [][]string{
	{"Operation", "Average", "Worst case"},
	{"Property", "Option A", "Option B"},
	{"Level", "Guarantee", "Typical use"},
}

var tableCells = []string{
	"lookup", "insert", "delete", "O(1)", "O(log n)", "O(n)", "strong", "eventual",
	"read committed", "serializable", "yes", "no", "rarely", "batch jobs",
	"hot keys", "range scans", "small tables", "point queries",
}

var readingHeadings = []string{"Background", "Summary", "Details", "Pitfalls", "Motivation"}

var practiceHeadings = []string{"Practice", "Quick checks", "Drill", "Recall"}

var calloutTypes = []string{"note", "tip", "warning", "example", "abstract"}
