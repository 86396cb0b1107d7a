"""marsad on Apache Spark (`pip install marsad[spark]`): `marsad spark`, or spark-submit of
marsad/spark/submit.py. docs/spark.md."""
