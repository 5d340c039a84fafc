// The analysis code names a catalog row MetricEntry; it is the same record as CatalogMetric.
global using MetricEntry = PerfAspire.Mcp.Catalog.CatalogMetric;
