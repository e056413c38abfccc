namespace NML.Matching.Domain.Matching.Solvers;

/// <summary>
/// Our own exact solver for uncapped rounds: the shortest augmenting path algorithm for rectangular assignment
/// (Crouse, "On implementing 2D rectangular assignment algorithms", IEEE TAES 2016; the algorithm behind SciPy's
/// linear_sum_assignment), made sparse. Rows are units; columns are candidates plus one private "stay empty"
/// column per unit. Costs are (M − score) for a pair and M for staying empty, so every row is assigned and the
/// minimum total cost is the maximum total score. Instead of scanning every column, each row relaxes only its own
/// eligible pairs and a binary heap picks the nearest column, so time and memory follow the eligible pairs.
/// Integer costs keep the optimum exact. Tests check it against OR-Tools and brute force.
/// </summary>
public sealed class SparseAssignmentSolver : IAssignmentSolver
{
    public string Name => "sparse-shortest-augmenting-path";

    public bool SupportsCaps => false;

    public Assignment Solve(AssignmentProblem problem)
    {
        if (problem.IsCapped) throw new NotSupportedException("This solver has no per-municipality caps; use MinCostFlowSolver.");
        var pairs = problem.Pairs;
        var rows = pairs.UnitCount;
        var realColumns = pairs.CandidateCount;
        var columns = realColumns + rows;
        long m = 1;
        foreach (var s in pairs.Score) m = Math.Max(m, s + 1L);

        var u = new long[rows];
        var v = new long[columns];
        var col4row = Enumerable.Repeat(-1, rows).ToArray();
        var row4col = Enumerable.Repeat(-1, columns).ToArray();
        var shortest = Enumerable.Repeat(long.MaxValue, columns).ToArray();
        var path = new int[columns];
        var scannedColumn = new bool[columns];
        var touched = new List<int>();
        var scannedRows = new List<int>();
        var heap = new PriorityQueue<int, (long Distance, int Busy, int Column)>();

        for (var current = 0; current < rows; current++)
        {
            long minVal = 0;
            var i = current;
            var sink = -1;
            while (sink < 0)
            {
                scannedRows.Add(i);
                for (var p = pairs.UnitStart[i]; p <= pairs.UnitStart[i + 1]; p++)
                {
                    // The last step of the loop is the row's own "stay empty" column.
                    int j;
                    long cost;
                    if (p < pairs.UnitStart[i + 1])
                    {
                        j = pairs.Candidate[p];
                        cost = m - pairs.Score[p];
                    }
                    else
                    {
                        j = realColumns + i;
                        cost = m;
                    }
                    if (scannedColumn[j]) continue;
                    var r = minVal + cost - u[i] - v[j];
                    if (r >= shortest[j]) continue;
                    if (shortest[j] == long.MaxValue) touched.Add(j);
                    shortest[j] = r;
                    path[j] = i;
                    heap.Enqueue(j, (r, row4col[j] < 0 ? 0 : 1, j));
                }

                int next;
                (long Distance, int Busy, int Column) priority;
                do
                {
                    if (!heap.TryDequeue(out next, out priority)) throw new InvalidOperationException("No augmenting path; the problem is infeasible.");
                }
                while (scannedColumn[next] || priority.Distance != shortest[next]);

                minVal = shortest[next];
                scannedColumn[next] = true;
                if (row4col[next] < 0) sink = next;
                else i = row4col[next];
            }

            u[current] += minVal;
            foreach (var row in scannedRows)
            {
                if (row != current) u[row] += minVal - shortest[col4row[row]];
            }
            foreach (var column in touched)
            {
                if (scannedColumn[column]) v[column] -= minVal - shortest[column];
            }

            var jj = sink;
            while (true)
            {
                var row = path[jj];
                row4col[jj] = row;
                (col4row[row], jj) = (jj, col4row[row]);
                if (row == current) break;
            }

            foreach (var column in touched)
            {
                shortest[column] = long.MaxValue;
                scannedColumn[column] = false;
            }
            touched.Clear();
            scannedRows.Clear();
            heap.Clear();
        }

        var result = new int[rows];
        for (var row = 0; row < rows; row++) result[row] = col4row[row] < realColumns ? col4row[row] : -1;
        return Assignment.From(problem, result);
    }
}
