import type { ServiceConfig } from "@hivemind/config";

/** cassandra.yaml for one node on a small (2-core) box. Directories come from -Dcassandra.storagedir. */
export function cassandraYaml(cfg: ServiceConfig): string {
  const c = cfg.cassandra;
  return `cluster_name: 'hivemind'
num_tokens: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
commitlog_sync: periodic
commitlog_sync_period: 10000ms
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "${c.host}:${c.storagePort}"
listen_address: ${c.host}
rpc_address: ${c.host}
storage_port: ${c.storagePort}
native_transport_port: ${c.port}
start_native_transport: true
endpoint_snitch: SimpleSnitch
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
concurrent_reads: 4
concurrent_writes: 4
concurrent_counter_writes: 4
concurrent_materialized_view_writes: 4
concurrent_compactors: 1
memtable_flush_writers: 1
memtable_heap_space: 64MiB
memtable_offheap_space: 64MiB
native_transport_max_threads: 16
file_cache_size: 32MiB
networking_cache_size: 16MiB
key_cache_size: 0MiB
counter_cache_size: 0MiB
auto_snapshot: false
hinted_handoff_enabled: false
dynamic_snitch: false
`;
}

export const CASSANDRA_LOGBACK = `<configuration scan="false">
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT" /></root>
  <logger name="org.apache.cassandra" level="INFO" />
  <logger name="com.thinkaurelius.thrift" level="ERROR" />
</configuration>
`;

/** JVM flags from conf/jvm-server.options and conf/jvm17-server.options (5.0), trimmed for start-up time. */
export const CASSANDRA_JVM17_FLAGS = [
  "-ea", "-da:net.openhft...", "-XX:+UseThreadPriorities", "-Xss256k", "-XX:+UseTLAB", "-XX:+ResizeTLAB",
  "-XX:+PerfDisableSharedMem", "-XX:+ExitOnOutOfMemoryError", "-Djava.net.preferIPv4Stack=true",
  "-Dchronicle.analytics.disable=true",
  "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled", "-XX:MaxTenuringThreshold=1", "-XX:G1HeapRegionSize=16m",
  "-XX:G1RSetUpdatingPauseTimePercent=5", "-XX:MaxGCPauseMillis=300", "-XX:InitiatingHeapOccupancyPercent=70",
  "-Djdk.attach.allowAttachSelf=true",
  ...[
    "java.base/jdk.internal.misc", "java.management.rmi/com.sun.jmx.remote.internal.rmi",
    "java.management/com.sun.jmx.remote.security", "java.rmi/sun.rmi.registry", "java.rmi/sun.rmi.server",
    "java.sql/java.sql", "java.base/java.lang.ref", "jdk.unsupported/sun.misc",
  ].flatMap((m) => ["--add-exports", `${m}=ALL-UNNAMED`]),
  ...[
    "java.base/java.lang.module", "java.base/jdk.internal.loader", "java.base/jdk.internal.ref",
    "java.base/jdk.internal.reflect", "java.base/jdk.internal.math", "java.base/jdk.internal.module",
    "java.base/jdk.internal.util.jar", "jdk.management/com.sun.management.internal", "java.base/sun.nio.ch",
    "java.base/java.io", "java.base/java.lang.reflect", "java.base/java.lang", "java.base/java.util",
    "java.base/java.nio",
  ].flatMap((m) => ["--add-opens", `${m}=ALL-UNNAMED`]),
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Dio.netty.allocator.useCacheForAllThreads=true",
  "-Dio.netty.allocator.maxOrder=11",
];
