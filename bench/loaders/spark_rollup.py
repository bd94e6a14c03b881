#!/usr/bin/env python3
"""A gen data loader that hands the heavy part to Spark.

Reads usage events from Parquet with Spark (local mode: every core of this machine; on a
cluster, point SPARK_MASTER at it), reduces them to one row per day x model x origin with
the day's token sum and event count, and prints that rollup as CSV on stdout, which gen reads like a file.

Usage (from gen.yml):  command: [python3, loaders/spark_rollup.py, /path/to/usage.parquet]
Needs: pip install pyspark (and a Java 17+ runtime).
"""
import csv
import os
import sys

from pyspark.sql import SparkSession, functions as F


def main() -> None:
    source = sys.argv[1]
    spark = (
        SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
        .appName("gen-usage-rollup")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_PARTITIONS", str(os.cpu_count() or 2)))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    rollup = (
        spark.read.parquet(source)
        .groupBy(F.col("date").cast("date").alias("date"), "model", "origin")
        .agg(F.sum("tokens").alias("tokens"), F.count(F.lit(1)).alias("events"))
    )
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["date", "model", "origin", "tokens", "events"])
    scanned = 0
    for row in rollup.collect():  # the rollup is small: days x models x origins
        out.writerow([row["date"].isoformat(), row["model"], row["origin"], row["tokens"], row["events"]])
        scanned += row["events"]
    print(f"spark: {scanned} events reduced to the rollup", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
