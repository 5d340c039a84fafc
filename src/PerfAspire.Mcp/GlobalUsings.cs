// The catalog and SQL layer the whole server plans and runs against lives in the Schema project.
global using PerfAspire.Schema.Query;
global using PerfAspire.Schema.Spec;
global using PerfAspire.Schema.Sql;
