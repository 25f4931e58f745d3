-- The two published models and what was published when. One row per (date, advertiser, rank).
CREATE TABLE top_ctr (
    date          date             NOT NULL,
    advertiser_id text             NOT NULL,
    rank          smallint         NOT NULL CHECK (rank >= 1),
    product_id    text             NOT NULL,
    clicks        bigint           NOT NULL CHECK (clicks >= 0),
    impressions   bigint           NOT NULL CHECK (impressions > 0),
    ctr           double precision NOT NULL CHECK (ctr >= 0),
    PRIMARY KEY (date, advertiser_id, rank)
);

CREATE TABLE top_product (
    date          date     NOT NULL,
    advertiser_id text     NOT NULL,
    rank          smallint NOT NULL CHECK (rank >= 1),
    product_id    text     NOT NULL,
    views         bigint   NOT NULL CHECK (views > 0),
    PRIMARY KEY (date, advertiser_id, rank)
);

-- Every advertiser that was active on a published date, with its event totals (zero when it had none).
CREATE TABLE daily_advertisers (
    date          date   NOT NULL,
    advertiser_id text   NOT NULL,
    impressions   bigint NOT NULL DEFAULT 0,
    clicks        bigint NOT NULL DEFAULT 0,
    views         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (date, advertiser_id)
);

-- One row per published date, written in the same transaction as the date's models.
CREATE TABLE published_dates (
    date               date        PRIMARY KEY,
    published_at       timestamptz NOT NULL DEFAULT now(),
    run_id             bigint,
    active_advertisers integer     NOT NULL DEFAULT 0
);
