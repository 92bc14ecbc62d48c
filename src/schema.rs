// @generated automatically by Diesel CLI.

diesel::table! {
    attachments (id) {
        id -> Integer,
        conference_id -> Integer,
        file_name -> Text,
        content_type -> Text,
        size -> Integer,
        content -> Binary,
        uploaded_at -> Timestamp,
        uploaded_by -> Nullable<Integer>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Integer,
        at -> Timestamp,
        user_id -> Nullable<Integer>,
        user_name -> Nullable<Text>,
        address -> Nullable<Text>,
        action -> Text,
        entity -> Nullable<Text>,
        entity_id -> Nullable<Integer>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    award_kinds (id) {
        id -> Integer,
        name -> Text,
        short_name -> Text,
        issuing_authority -> Text,
        category -> Text,
        rank -> Integer,
        version -> Integer,
        organising_body_id -> Nullable<Integer>,
    }
}

diesel::table! {
    award_proposals (id) {
        id -> Integer,
        cluster_year_id -> Integer,
        unit_id -> Integer,
        award_kind_id -> Integer,
        conference_id -> Nullable<Integer>,
        votes_for -> Nullable<Integer>,
        votes_against -> Nullable<Integer>,
        votes_abstain -> Nullable<Integer>,
        unanimous -> Bool,
        status -> Text,
        decision_number -> Nullable<Text>,
        decision_date -> Nullable<Date>,
        decided_by -> Nullable<Text>,
        note -> Nullable<Text>,
        sort_order -> Integer,
        version -> Integer,
        decision_date_precision -> Text,
    }
}

diesel::table! {
    body_title_counts (id) {
        id -> Integer,
        organising_body_id -> Integer,
        year -> Integer,
        title -> Text,
        recipient -> Text,
        count -> Integer,
        note -> Nullable<Text>,
        sort_order -> Integer,
    }
}

diesel::table! {
    cluster_year_movements (cluster_year_id, movement_id) {
        cluster_year_id -> Integer,
        movement_id -> Integer,
        sort_order -> Integer,
        from_year -> Nullable<Integer>,
        to_year -> Nullable<Integer>,
    }
}

diesel::table! {
    cluster_years (id) {
        id -> Integer,
        cluster_id -> Integer,
        year -> Integer,
        theme -> Nullable<Text>,
        chair_unit_id -> Nullable<Integer>,
        chair_person_id -> Nullable<Integer>,
        chair_person_title -> Nullable<Text>,
        vice_chair_unit_id -> Nullable<Integer>,
        vice_chair_person_id -> Nullable<Integer>,
        vice_chair_person_title -> Nullable<Text>,
        chair_selection -> Nullable<Text>,
        chair_decision_number -> Nullable<Text>,
        chair_decision_date -> Nullable<Date>,
        summary -> Nullable<Text>,
        directions -> Nullable<Text>,
        status -> Text,
        version -> Integer,
        chair_elected_at_previous -> Bool,
        chair_decision_date_precision -> Text,
    }
}

diesel::table! {
    clusters (id) {
        id -> Integer,
        name -> Text,
        kind -> Text,
        organising_body_id -> Integer,
        first_year -> Nullable<Integer>,
        last_year -> Nullable<Integer>,
        member_count -> Nullable<Integer>,
        description -> Nullable<Text>,
        search_text -> Text,
        version -> Integer,
    }
}

diesel::table! {
    conference_participants (id) {
        id -> Integer,
        conference_id -> Integer,
        role -> Text,
        person_id -> Nullable<Integer>,
        title -> Nullable<Text>,
        organisation -> Nullable<Text>,
        unit_id -> Nullable<Integer>,
        remarks -> Nullable<Text>,
        sort_order -> Integer,
    }
}

diesel::table! {
    conferences (id) {
        id -> Integer,
        cluster_year_id -> Integer,
        kind -> Text,
        title -> Nullable<Text>,
        held_on -> Date,
        part_of_day -> Nullable<Text>,
        locality -> Nullable<Text>,
        venue -> Nullable<Text>,
        host_unit_id -> Nullable<Integer>,
        members_present -> Nullable<Integer>,
        minutes -> Nullable<Text>,
        source_title -> Nullable<Text>,
        source_author -> Nullable<Text>,
        source_published_on -> Nullable<Date>,
        search_text -> Text,
        held_on_precision -> Text,
    }
}

diesel::table! {
    covenants (id) {
        id -> Integer,
        cluster_year_id -> Integer,
        signed_on -> Nullable<Date>,
        conference_id -> Nullable<Integer>,
        place -> Nullable<Text>,
        content -> Nullable<Text>,
        signed_on_precision -> Text,
    }
}

diesel::table! {
    data_version (id) {
        id -> Integer,
        version -> BigInt,
        changed_at -> Timestamp,
        tallies_version -> BigInt,
        tallies_changed -> Bool,
    }
}

diesel::table! {
    import_uploads (id) {
        id -> Integer,
        token -> Text,
        user_id -> Integer,
        file_name -> Text,
        content -> Binary,
        uploaded_at -> Timestamp,
        kind -> Text,
        context -> Text,
    }
}

diesel::table! {
    indicator_values (id) {
        id -> Integer,
        cluster_year_id -> Integer,
        indicator_id -> Integer,
        unit_id -> Nullable<Integer>,
        value -> Nullable<Text>,
        out_of -> Nullable<Text>,
        estimated -> Bool,
        bound -> Text,
        growth_pct -> Nullable<Text>,
        same_period_pct -> Nullable<Text>,
        plan_pct -> Nullable<Text>,
        note -> Nullable<Text>,
        sort_order -> Integer,
    }
}

diesel::table! {
    indicators (id) {
        id -> Integer,
        name -> Text,
        measure_unit -> Text,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Integer,
        at -> Timestamp,
        user_name -> Text,
        address -> Text,
        outcome -> Text,
    }
}

diesel::table! {
    login_challenges (token_hash) {
        token_hash -> Text,
        address -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    member_results (id) {
        id -> Integer,
        cluster_year_id -> Integer,
        unit_id -> Integer,
        score -> Nullable<Text>,
        rank -> Nullable<Integer>,
        grade -> Nullable<Text>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    memberships (id) {
        id -> Integer,
        cluster_id -> Integer,
        unit_id -> Integer,
        from_year -> Integer,
        to_year -> Nullable<Integer>,
        decision_number -> Nullable<Text>,
        decision_date -> Nullable<Date>,
        sort_order -> Integer,
        version -> Integer,
    }
}

diesel::table! {
    movements (id) {
        id -> Integer,
        name -> Text,
        launched_by -> Nullable<Text>,
        from_year -> Nullable<Integer>,
        to_year -> Nullable<Integer>,
    }
}

diesel::table! {
    organising_bodies (id) {
        id -> Integer,
        name -> Text,
        short_name -> Text,
        level -> Text,
        board_name -> Nullable<Text>,
        sort_order -> Integer,
        version -> Integer,
    }
}

diesel::table! {
    people (id) {
        id -> Integer,
        full_name -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> Integer,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    title_counts (id) {
        id -> Integer,
        cluster_year_id -> Integer,
        unit_id -> Nullable<Integer>,
        title -> Text,
        recipient -> Text,
        count -> Integer,
        note -> Nullable<Text>,
        sort_order -> Integer,
    }
}

diesel::table! {
    units (id) {
        id -> Integer,
        name -> Text,
        kind -> Text,
        parent_id -> Nullable<Integer>,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        successor_id -> Nullable<Integer>,
        note -> Nullable<Text>,
        search_text -> Text,
        version -> Integer,
        code -> Nullable<Text>,
    }
}

diesel::table! {
    user_clusters (user_id, cluster_id) {
        user_id -> Integer,
        cluster_id -> Integer,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        password_changed_at -> Timestamp,
        version -> Integer,
    }
}

diesel::joinable!(attachments -> conferences (conference_id));
diesel::joinable!(attachments -> users (uploaded_by));
diesel::joinable!(audit_log -> users (user_id));
diesel::joinable!(award_kinds -> organising_bodies (organising_body_id));
diesel::joinable!(award_proposals -> award_kinds (award_kind_id));
diesel::joinable!(award_proposals -> cluster_years (cluster_year_id));
diesel::joinable!(award_proposals -> conferences (conference_id));
diesel::joinable!(award_proposals -> units (unit_id));
diesel::joinable!(body_title_counts -> organising_bodies (organising_body_id));
diesel::joinable!(cluster_year_movements -> cluster_years (cluster_year_id));
diesel::joinable!(cluster_year_movements -> movements (movement_id));
diesel::joinable!(cluster_years -> clusters (cluster_id));
diesel::joinable!(clusters -> organising_bodies (organising_body_id));
diesel::joinable!(conference_participants -> conferences (conference_id));
diesel::joinable!(conference_participants -> people (person_id));
diesel::joinable!(conference_participants -> units (unit_id));
diesel::joinable!(conferences -> cluster_years (cluster_year_id));
diesel::joinable!(conferences -> units (host_unit_id));
diesel::joinable!(covenants -> cluster_years (cluster_year_id));
diesel::joinable!(covenants -> conferences (conference_id));
diesel::joinable!(import_uploads -> users (user_id));
diesel::joinable!(indicator_values -> cluster_years (cluster_year_id));
diesel::joinable!(indicator_values -> indicators (indicator_id));
diesel::joinable!(indicator_values -> units (unit_id));
diesel::joinable!(member_results -> cluster_years (cluster_year_id));
diesel::joinable!(member_results -> units (unit_id));
diesel::joinable!(memberships -> clusters (cluster_id));
diesel::joinable!(memberships -> units (unit_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(title_counts -> cluster_years (cluster_year_id));
diesel::joinable!(title_counts -> units (unit_id));
diesel::joinable!(user_clusters -> clusters (cluster_id));
diesel::joinable!(user_clusters -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    attachments,
    audit_log,
    award_kinds,
    award_proposals,
    body_title_counts,
    cluster_year_movements,
    cluster_years,
    clusters,
    conference_participants,
    conferences,
    covenants,
    data_version,
    import_uploads,
    indicator_values,
    indicators,
    login_attempts,
    login_challenges,
    member_results,
    memberships,
    movements,
    organising_bodies,
    people,
    sessions,
    title_counts,
    units,
    user_clusters,
    users,
);
