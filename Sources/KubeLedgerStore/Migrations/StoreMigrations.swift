import GRDB

/// The schema, as versioned migrations from an empty file.
///
/// Migrations are named and never edited once shipped; a later change is a new migration.
/// Dimension tables (`node`, `container`) keep the strings once, so the hourly fact rows
/// and raw chunks, which are many, hold only integers.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001_createFacts") { db in
            try db.execute(sql: """
                CREATE TABLE node (
                    id INTEGER PRIMARY KEY,
                    cluster TEXT NOT NULL,
                    name TEXT NOT NULL,
                    vmID TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('control-plane', 'worker', 'storage')),
                    zone TEXT NOT NULL,
                    UNIQUE (cluster, name, vmID)
                );
                CREATE TABLE nodeHour (
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    nodeId INTEGER NOT NULL REFERENCES node(id),
                    vcpus INTEGER NOT NULL CHECK (vcpus >= 0),
                    memoryBytes INTEGER NOT NULL CHECK (memoryBytes >= 0),
                    presentMs INTEGER NOT NULL CHECK (presentMs BETWEEN 0 AND 3600000),
                    runningMs INTEGER NOT NULL CHECK (runningMs BETWEEN 0 AND presentMs),
                    disks TEXT NOT NULL,
                    PRIMARY KEY (hour, nodeId)
                ) WITHOUT ROWID;
                CREATE TABLE container (
                    id INTEGER PRIMARY KEY,
                    cluster TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    pod TEXT NOT NULL,
                    container TEXT NOT NULL,
                    node TEXT NOT NULL,
                    controllerKind TEXT NOT NULL,
                    controllerName TEXT NOT NULL,
                    UNIQUE (cluster, namespace, pod, container, node)
                );
                CREATE TABLE containerHour (
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    containerId INTEGER NOT NULL REFERENCES container(id),
                    cpuRequest INTEGER NOT NULL CHECK (cpuRequest >= 0),
                    cpuUsage INTEGER NOT NULL CHECK (cpuUsage >= 0),
                    memoryRequest INTEGER NOT NULL CHECK (memoryRequest >= 0),
                    memoryUsage INTEGER NOT NULL CHECK (memoryUsage >= 0),
                    PRIMARY KEY (hour, containerId)
                ) WITHOUT ROWID;
                CREATE TABLE pvcHour (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    namespace TEXT NOT NULL,
                    claim TEXT NOT NULL,
                    storageClass TEXT NOT NULL,
                    requestedBytes INTEGER NOT NULL CHECK (requestedBytes >= 0),
                    PRIMARY KEY (cluster, hour, namespace, claim)
                ) WITHOUT ROWID;
                CREATE TABLE namespaceHour (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    namespace TEXT NOT NULL,
                    tenant TEXT,
                    PRIMARY KEY (cluster, hour, namespace)
                ) WITHOUT ROWID;
                CREATE TABLE rawChunk (
                    id INTEGER PRIMARY KEY,
                    day INTEGER NOT NULL CHECK (day % 86400 = 0),
                    containerId INTEGER NOT NULL REFERENCES container(id),
                    metric INTEGER NOT NULL,
                    sampleCount INTEGER NOT NULL CHECK (sampleCount > 0),
                    data BLOB NOT NULL
                );
                CREATE UNIQUE INDEX rawChunkByKey ON rawChunk(day, containerId, metric);
                """)
        }
        migrator.registerMigration("002_createBookkeeping") { db in
            try db.execute(sql: """
                CREATE TABLE watermark (
                    job TEXT NOT NULL,
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    updatedAt INTEGER NOT NULL,
                    PRIMARY KEY (job, cluster)
                ) WITHOUT ROWID;
                CREATE TABLE catalogVersion (
                    sha256 TEXT PRIMARY KEY,
                    effectiveFrom INTEGER NOT NULL,
                    content TEXT NOT NULL,
                    loadedAt INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE closedInvoice (
                    cluster TEXT NOT NULL,
                    month TEXT NOT NULL,
                    closedAt INTEGER NOT NULL,
                    content BLOB NOT NULL,
                    PRIMARY KEY (cluster, month)
                ) WITHOUT ROWID;
                CREATE TRIGGER closedInvoiceIsNotReplaced BEFORE INSERT ON closedInvoice
                WHEN EXISTS (SELECT 1 FROM closedInvoice WHERE cluster = NEW.cluster AND month = NEW.month)
                BEGIN SELECT RAISE(ABORT, 'a closed invoice is immutable'); END;
                CREATE TRIGGER closedInvoiceIsImmutable BEFORE UPDATE ON closedInvoice
                BEGIN SELECT RAISE(ABORT, 'a closed invoice is immutable'); END;
                CREATE TRIGGER closedInvoiceIsKept BEFORE DELETE ON closedInvoice
                BEGIN SELECT RAISE(ABORT, 'a closed invoice is immutable'); END;
                """)
        }
        migrator.registerMigration("003_createJobStatus") { db in
            try db.execute(sql: """
                CREATE TABLE jobStatus (
                    job TEXT NOT NULL,
                    cluster TEXT NOT NULL,
                    lastRunAt INTEGER NOT NULL,
                    lastSuccessAt INTEGER,
                    lastError TEXT,
                    PRIMARY KEY (job, cluster)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("004_createExternalAllocation") { db in
            try db.execute(sql: """
                CREATE TABLE externalAllocation (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    namespace TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('opencost', 'kubecost')),
                    cpuCost TEXT NOT NULL,
                    ramCost TEXT NOT NULL,
                    pvCost TEXT NOT NULL,
                    totalCost TEXT NOT NULL,
                    cpuCoreHours REAL NOT NULL,
                    ramByteHours REAL NOT NULL,
                    PRIMARY KEY (cluster, hour, namespace, source)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("005_createKubeNodeHour") { db in
            try db.execute(sql: """
                CREATE TABLE kubeNodeHour (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    node TEXT NOT NULL,
                    role TEXT CHECK (role IN ('control-plane', 'worker', 'storage')),
                    zone TEXT,
                    cpuCapacity INTEGER NOT NULL CHECK (cpuCapacity >= 0),
                    cpuAllocatable INTEGER NOT NULL CHECK (cpuAllocatable >= 0),
                    memoryCapacity INTEGER NOT NULL CHECK (memoryCapacity >= 0),
                    memoryAllocatable INTEGER NOT NULL CHECK (memoryAllocatable >= 0),
                    podsAllocatable INTEGER NOT NULL CHECK (podsAllocatable >= 0),
                    PRIMARY KEY (cluster, hour, node)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("006_createCostHour") { db in
            try db.execute(sql: """
                CREATE TABLE costKey (
                    id INTEGER PRIMARY KEY,
                    cluster TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('direct', 'platform', 'idle', 'overhead')),
                    namespace TEXT NOT NULL,
                    tenant TEXT NOT NULL,
                    node TEXT NOT NULL,
                    zone TEXT,
                    controllerKind TEXT NOT NULL,
                    controllerName TEXT NOT NULL,
                    UNIQUE (cluster, kind, namespace, tenant, node, zone, controllerKind, controllerName)
                );
                CREATE TABLE costHour (
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    keyId INTEGER NOT NULL REFERENCES costKey(id),
                    cpu INTEGER NOT NULL CHECK (cpu >= 0),
                    ram INTEGER NOT NULL CHECK (ram >= 0),
                    storage INTEGER NOT NULL CHECK (storage >= 0),
                    cpuNanocores INTEGER NOT NULL,
                    ramBytes INTEGER NOT NULL,
                    storageBytes INTEGER NOT NULL,
                    cpuRequest INTEGER NOT NULL,
                    cpuUsage INTEGER NOT NULL,
                    ramRequest INTEGER NOT NULL,
                    ramUsage INTEGER NOT NULL,
                    PRIMARY KEY (hour, keyId)
                ) WITHOUT ROWID;
                CREATE TABLE pricedHour (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    total TEXT NOT NULL,
                    iaasNodes INTEGER NOT NULL,
                    containers INTEGER NOT NULL,
                    unpricedContainers INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    PRIMARY KEY (cluster, hour)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("007_createAutoscalerHour") { db in
            try db.execute(sql: """
                CREATE TABLE autoscalerHour (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    namespace TEXT NOT NULL,
                    targetKind TEXT NOT NULL,
                    targetName TEXT NOT NULL,
                    PRIMARY KEY (cluster, hour, namespace, targetKind, targetName)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("008_createLabel") { db in
            try db.execute(sql: """
                CREATE TABLE label (
                    cluster TEXT NOT NULL,
                    scope TEXT NOT NULL CHECK (scope IN ('workload', 'namespace')),
                    namespace TEXT NOT NULL,
                    controllerKind TEXT NOT NULL,
                    controllerName TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    PRIMARY KEY (cluster, key, scope, namespace, controllerKind, controllerName)
                ) WITHOUT ROWID;
                """)
        }
        // What the API and Grafana sum for cluster, tenant and namespace series: an hour's
        // rows per kind, tenant and namespace (tens, not thousands, per hour), kept with the
        // rows in the same transaction.
        migrator.registerMigration("009_createCostNamespaceHour") { db in
            try db.execute(sql: """
                CREATE TABLE costNamespaceHour (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    kind TEXT NOT NULL,
                    tenant TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    cpu INTEGER NOT NULL,
                    ram INTEGER NOT NULL,
                    storage INTEGER NOT NULL,
                    cpuNanocores INTEGER NOT NULL,
                    ramBytes INTEGER NOT NULL,
                    storageBytes INTEGER NOT NULL,
                    cpuRequest INTEGER NOT NULL,
                    cpuUsage INTEGER NOT NULL,
                    ramRequest INTEGER NOT NULL,
                    ramUsage INTEGER NOT NULL,
                    PRIMARY KEY (cluster, hour, kind, tenant, namespace)
                ) WITHOUT ROWID;
                INSERT INTO costNamespaceHour
                    SELECT k.cluster, h.hour, k.kind, k.tenant, k.namespace, SUM(h.cpu), SUM(h.ram), SUM(h.storage),
                           SUM(h.cpuNanocores), SUM(h.ramBytes), SUM(h.storageBytes), SUM(h.cpuRequest), SUM(h.cpuUsage),
                           SUM(h.ramRequest), SUM(h.ramUsage)
                    FROM costHour h CROSS JOIN costKey k ON k.id = h.keyId
                    GROUP BY k.cluster, h.hour, k.kind, k.tenant, k.namespace;
                """)
        }
        // The hours of a cluster that have node or namespace facts, kept as facts are
        // written: what pricing and every cost request check for hours still to price.
        migrator.registerMigration("010_createFactHour") { db in
            try db.execute(sql: """
                CREATE TABLE factHour (
                    cluster TEXT NOT NULL,
                    hour INTEGER NOT NULL CHECK (hour % 3600 = 0),
                    PRIMARY KEY (cluster, hour)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO factHour
                    SELECT DISTINCT n.cluster, h.hour FROM nodeHour h JOIN node n ON n.id = h.nodeId
                    UNION SELECT cluster, hour FROM namespaceHour;
                """)
        }
        // One counter that every write of facts, costs, closed invoices or retention moves in
        // its own transaction: answers computed at a version stay right until it moves, in
        // this process or another one sharing the file.
        migrator.registerMigration("011_createStoreVersion") { db in
            try db.execute(sql: """
                CREATE TABLE storeVersion (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
                INSERT INTO storeVersion (id, version) VALUES (1, 0);
                """)
        }
        // Xen Orchestra's inventory as each run saw it (inputs.md §2b): each holds until the
        // next, so the node-hours of any past hour can be derived again, the same.
        migrator.registerMigration("012_createInventorySnapshot") { db in
            try db.execute(sql: """
                CREATE TABLE inventorySnapshot (
                    cluster TEXT NOT NULL,
                    takenAt INTEGER NOT NULL,
                    vms TEXT NOT NULL,
                    PRIMARY KEY (cluster, takenAt)
                ) WITHOUT ROWID;
                """)
        }
        // The content hash of the import file a file-import job last stored, beside the
        // watermark it wrote in the same transaction: an unchanged file is not read again.
        migrator.registerMigration("013_addWatermarkContentHash") { db in
            try db.execute(sql: "ALTER TABLE watermark ADD COLUMN contentHash TEXT")
        }
        return migrator
    }
}
