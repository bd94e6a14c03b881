#!/usr/bin/env python3
"""Converts a usage CSV (../shared/bench/make_usage.py) to Parquet, streaming, with pyarrow.

Usage: csv_to_parquet.py usage.csv usage.parquet
"""
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

source, target = sys.argv[1], sys.argv[2]
schema = pa.schema([("date", pa.date32()), ("model", pa.string()), ("author", pa.string()),
                    ("origin", pa.string()), ("category", pa.string()), ("tokens", pa.int64())])
reader = pacsv.open_csv(source, convert_options=pacsv.ConvertOptions(column_types=schema),
                        read_options=pacsv.ReadOptions(block_size=64 << 20))
with pq.ParquetWriter(target, schema, compression="zstd") as writer:
    for batch in reader:
        writer.write_batch(batch, row_group_size=1 << 20)
