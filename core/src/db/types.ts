import pg from 'pg';

// int8 (counts, bigserial ids) and numeric as JS numbers: our values stay far below 2^53, and
// JSON responses must not carry strings where clients expect numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
