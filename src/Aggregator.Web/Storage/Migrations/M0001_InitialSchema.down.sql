DROP TABLE IF EXISTS
    fetch_runs, digest_perspectives, digest_highlights, digest_articles, article_topics, topic_perspectives,
    feeds, digests, outlet_domains, outlet_aliases, articles, user_tokens, user_roles, user_logins, user_claims,
    role_claims, topics, outlets, audit_entries, users, roles
CASCADE;
