// move-chains: the longest time-respecting chains of staff moves.
// Parameters: $home (home ID or null), $person (person ID or null), $max_length (1..10),
// $limit. A step follows the previous one when its day (date, else sort_date, else a
// bound) is on or after the previous step's; undated moves never chain. Without $home a
// chain starts only where no earlier move leads into its first home; a chain ends where
// no later move continues it, or at $max_length (then `truncated` is true).
MATCH p = (a:Home)-[:STAFF_MOVE*1..10]->(z:Home)
WHERE ($home IS NULL OR a.id = $home)
WITH p, a, z, relationships(p) AS rs, nodes(p) AS ns
WHERE size(rs) <= $max_length
  AND all(k IN range(1, size(rs) - 1)
          WHERE coalesce(rs[k].date, rs[k].sort_date, rs[k].earliest, rs[k].latest)
             >= coalesce(rs[k - 1].date, rs[k - 1].sort_date, rs[k - 1].earliest, rs[k - 1].latest))
  AND ($person IS NULL OR any(r IN rs WHERE r.person = $person))
  AND ($home IS NOT NULL OR NOT EXISTS {
        MATCH (:Home)-[q:STAFF_MOVE]->(a)
        WHERE q <> rs[0] AND coalesce(q.date, q.sort_date, q.earliest, q.latest) <= coalesce(rs[0].date, rs[0].sort_date, rs[0].earliest, rs[0].latest)
      })
WITH rs, ns, EXISTS {
       MATCH (z)-[n:STAFF_MOVE]->(:Home)
       WHERE NOT n IN rs AND coalesce(n.date, n.sort_date, n.earliest, n.latest) >= coalesce(last(rs).date, last(rs).sort_date, last(rs).earliest, last(rs).latest)
     } AS extensible
WHERE size(rs) = $max_length OR NOT extensible
WITH rs, ns, extensible, reduce(acc = [], r IN rs | CASE WHEN r.person IS NULL OR r.person IN acc THEN acc ELSE acc + r.person END) AS person_ids
RETURN size(rs) AS length,
       coalesce(rs[0].date, rs[0].sort_date, rs[0].earliest, rs[0].latest) AS start,
       coalesce(last(rs).date, last(rs).sort_date, last(rs).earliest, last(rs).latest) AS `end`,
       ns[0].id AS from_id, coalesce(ns[0].urn, ns[0].name, ns[0].id) AS from_home,
       last(ns).id AS to_id, coalesce(last(ns).urn, last(ns).name, last(ns).id) AS to_home,
       [n IN ns | n.id] AS home_ids,
       [n IN ns | coalesce(n.urn, n.name, n.id)] AS homes,
       person_ids,
       [pid IN person_ids | head([r IN rs WHERE r.person = pid | coalesce(r.person_name, head(COLLECT { MATCH (x:Person {id: r.person}) RETURN x.name }))])] AS people,
       [q IN [k IN range(0, size(rs) - 1) |
          {r: rs[k], prev: CASE WHEN k = 0 THEN null ELSE rs[k - 1] END}] |
        {move_id: q.r.id,
        date: q.r.date,
        earliest: q.r.earliest,
        latest: q.r.latest,
        sort_date: q.r.sort_date,
        from_id: startNode(q.r).id,
        from_home: coalesce(startNode(q.r).urn, startNode(q.r).name, startNode(q.r).id),
        to_id: endNode(q.r).id,
        to_home: coalesce(endNode(q.r).urn, endNode(q.r).name, endNode(q.r).id),
        person_id: q.r.person,
        person: coalesce(q.r.person_name, head(COLLECT { MATCH (x:Person {id: q.r.person}) RETURN x.name })),
        role: q.r.role,
        quote: q.r.quote,
        document_id: q.r.document,
        derived_from: q.r.derived_from,
        evidence: [k IN range(0, size(coalesce(q.r.prov_source, [])) - 1) | {source: q.r.prov_source[k], locator: q.r.prov_locator[k], quote: q.r.prov_quote[k], rule: q.r.prov_rule[k], confidence: q.r.prov_confidence[k]}],
        `order`: CASE WHEN q.prev IS NULL THEN null
          WHEN coalesce(q.r.date, q.r.earliest) IS NULL
            OR coalesce(q.prev.date, q.prev.latest) IS NULL
            OR coalesce(q.r.date, q.r.earliest) < coalesce(q.prev.date, q.prev.latest)
            THEN 'by sort date'
          WHEN coalesce(q.r.date, q.r.earliest) > coalesce(q.prev.date, q.prev.latest)
            THEN 'after'
          ELSE 'same day' END}] AS steps,
       extensible AS truncated
ORDER BY length DESC, start ASC, [r IN rs | r.id] ASC
LIMIT $limit
