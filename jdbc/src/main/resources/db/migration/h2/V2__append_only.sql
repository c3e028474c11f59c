-- H2: version 2 is PostgreSQL's append-only triggers. H2 runs triggers only as Java classes on the
-- database's own class path, which an H2 server started elsewhere would not have, so on H2 the
-- journal, ledger and payouts are append-only by the library's API alone (it only ever inserts).
-- This script keeps both databases at the same schema version.
SELECT 1;
