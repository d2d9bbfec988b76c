#!/bin/bash
# Grade a whole class on a Slurm cluster: a job array of N tasks, each grading
# one shard (`grade batch --shard I/N`), then a dependent job that merges the
# shards into the gradebook a single run would write.
#
#   sbatch slurm-array.sh /shared/class/submissions /shared/class/out
#
# Assumes torchkata is installed in the environment the jobs inherit (a venv
# on the shared file system: `pip install torchkata`) and both folders are on
# a file system every node sees. Change --array and SHARDS together.
#SBATCH --job-name=torchkata-grade
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=02:00:00
#SBATCH --output=torchkata-%A_%a.log
set -euo pipefail
SHARDS=8
SUBMISSIONS=${1:?usage: sbatch slurm-array.sh SUBMISSIONS OUT}
OUT=${2:?usage: sbatch slurm-array.sh SUBMISSIONS OUT}
mkdir -p "$OUT/shards"
export XDG_CACHE_HOME="$OUT/cache"   # the recorded examples, shared by every task

grade batch "$SUBMISSIONS" --device cpu --jobs "$SLURM_CPUS_PER_TASK" \
    --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" --output "$OUT/shards/s$SLURM_ARRAY_TASK_ID.csv"

# The last task to start queues the merge, to run once every task has ended well.
if [ "$SLURM_ARRAY_TASK_ID" -eq "$SHARDS" ]; then
    sbatch --dependency="afterok:$SLURM_ARRAY_JOB_ID" --job-name=torchkata-merge --time=00:10:00 \
        --wrap "grade merge $OUT/shards/s*.csv --output $OUT/gradebook.csv"
fi
