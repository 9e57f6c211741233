"""The tables of a Drupal 6 site that the importer reads, as Drupal 6.x core, CCK (content,
filefield/imagefield) and i18n create them. Used by the test fixture and the benchmark to build
realistic source databases; the importer itself only reads."""

CORE_TABLES = [
    """CREATE TABLE node (
      nid int unsigned NOT NULL auto_increment,
      vid int unsigned NOT NULL default 0,
      type varchar(32) NOT NULL default '',
      language varchar(12) NOT NULL default '',
      title varchar(255) NOT NULL default '',
      uid int NOT NULL default 0,
      status int NOT NULL default 1,
      created int NOT NULL default 0,
      changed int NOT NULL default 0,
      comment int NOT NULL default 0,
      promote int NOT NULL default 0,
      moderate int NOT NULL default 0,
      sticky int NOT NULL default 0,
      tnid int unsigned NOT NULL default 0,
      translate int NOT NULL default 0,
      PRIMARY KEY (nid),
      UNIQUE KEY vid (vid),
      KEY node_changed (changed),
      KEY node_created (created),
      KEY node_moderate (moderate),
      KEY node_promote_status (promote, status),
      KEY node_status_type (status, type, nid),
      KEY node_title_type (title, type(4)),
      KEY node_type (type(4)),
      KEY uid (uid),
      KEY tnid (tnid),
      KEY translate (translate)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE node_revisions (
      nid int unsigned NOT NULL default 0,
      vid int unsigned NOT NULL auto_increment,
      uid int NOT NULL default 0,
      title varchar(255) NOT NULL default '',
      body longtext NOT NULL,
      teaser longtext NOT NULL,
      log longtext NOT NULL,
      timestamp int NOT NULL default 0,
      format int NOT NULL default 0,
      PRIMARY KEY (vid),
      KEY nid (nid),
      KEY uid (uid)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE node_type (
      type varchar(32) NOT NULL,
      name varchar(255) NOT NULL default '',
      module varchar(255) NOT NULL,
      description mediumtext NOT NULL,
      help mediumtext NOT NULL,
      has_title tinyint unsigned NOT NULL,
      title_label varchar(255) NOT NULL default '',
      has_body tinyint unsigned NOT NULL,
      body_label varchar(255) NOT NULL default '',
      min_word_count smallint unsigned NOT NULL,
      custom tinyint NOT NULL default 0,
      modified tinyint NOT NULL default 0,
      locked tinyint NOT NULL default 0,
      orig_type varchar(255) NOT NULL default '',
      PRIMARY KEY (type)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE users (
      uid int unsigned NOT NULL auto_increment,
      name varchar(60) NOT NULL default '',
      pass varchar(32) NOT NULL default '',
      mail varchar(64) default '',
      mode tinyint NOT NULL default 0,
      sort tinyint default 0,
      threshold tinyint default 0,
      theme varchar(255) NOT NULL default '',
      signature varchar(255) NOT NULL default '',
      signature_format smallint NOT NULL default 0,
      created int NOT NULL default 0,
      access int NOT NULL default 0,
      login int NOT NULL default 0,
      status tinyint NOT NULL default 0,
      timezone varchar(8) default NULL,
      language varchar(12) NOT NULL default '',
      picture varchar(255) NOT NULL default '',
      init varchar(64) default '',
      data longtext,
      PRIMARY KEY (uid),
      UNIQUE KEY name (name),
      KEY access (access),
      KEY created (created),
      KEY mail (mail)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE vocabulary (
      vid int unsigned NOT NULL auto_increment,
      name varchar(255) NOT NULL default '',
      description longtext,
      help varchar(255) NOT NULL default '',
      relations tinyint unsigned NOT NULL default 0,
      hierarchy tinyint unsigned NOT NULL default 0,
      multiple tinyint unsigned NOT NULL default 0,
      required tinyint unsigned NOT NULL default 0,
      tags tinyint unsigned NOT NULL default 0,
      module varchar(255) NOT NULL default '',
      weight tinyint NOT NULL default 0,
      language varchar(12) NOT NULL default '',
      PRIMARY KEY (vid),
      KEY list (weight, name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE vocabulary_node_types (
      vid int unsigned NOT NULL default 0,
      type varchar(32) NOT NULL default '',
      PRIMARY KEY (type, vid),
      KEY vid (vid)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE term_data (
      tid int unsigned NOT NULL auto_increment,
      vid int unsigned NOT NULL default 0,
      name varchar(255) NOT NULL default '',
      description longtext,
      weight tinyint NOT NULL default 0,
      language varchar(12) NOT NULL default '',
      trid int NOT NULL default 0,
      PRIMARY KEY (tid),
      KEY taxonomy_tree (vid, weight, name),
      KEY vid_name (vid, name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE term_hierarchy (
      tid int unsigned NOT NULL default 0,
      parent int unsigned NOT NULL default 0,
      PRIMARY KEY (tid, parent),
      KEY parent (parent)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE term_node (
      nid int unsigned NOT NULL default 0,
      vid int unsigned NOT NULL default 0,
      tid int unsigned NOT NULL default 0,
      PRIMARY KEY (tid, vid),
      KEY vid (vid),
      KEY nid (nid)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE files (
      fid int unsigned NOT NULL auto_increment,
      uid int unsigned NOT NULL default 0,
      filename varchar(255) NOT NULL default '',
      filepath varchar(255) NOT NULL default '',
      filemime varchar(255) NOT NULL default '',
      filesize int unsigned NOT NULL default 0,
      status int NOT NULL default 0,
      timestamp int unsigned NOT NULL default 0,
      PRIMARY KEY (fid),
      KEY uid (uid),
      KEY status (status),
      KEY timestamp (timestamp)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE upload (
      fid int unsigned NOT NULL default 0,
      nid int unsigned NOT NULL default 0,
      vid int unsigned NOT NULL default 0,
      description varchar(255) NOT NULL default '',
      list tinyint unsigned NOT NULL default 0,
      weight tinyint NOT NULL default 0,
      PRIMARY KEY (vid, fid),
      KEY fid (fid),
      KEY nid (nid)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE url_alias (
      pid int unsigned NOT NULL auto_increment,
      src varchar(128) NOT NULL default '',
      dst varchar(128) NOT NULL default '',
      language varchar(12) NOT NULL default '',
      PRIMARY KEY (pid),
      KEY dst_language_pid (dst, language, pid),
      KEY src_language_pid (src, language, pid)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE filter_formats (
      format int NOT NULL auto_increment,
      name varchar(255) NOT NULL default '',
      roles varchar(255) NOT NULL default '',
      cache tinyint NOT NULL default 0,
      PRIMARY KEY (format),
      UNIQUE KEY name (name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE filters (
      fid int NOT NULL auto_increment,
      format int NOT NULL default 0,
      module varchar(64) NOT NULL default '',
      delta tinyint NOT NULL default 0,
      weight tinyint NOT NULL default 0,
      PRIMARY KEY (fid),
      UNIQUE KEY fmd (format, module, delta),
      KEY list (format, weight, module, delta)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE languages (
      language varchar(12) NOT NULL default '',
      name varchar(64) NOT NULL default '',
      native varchar(64) NOT NULL default '',
      direction int NOT NULL default 0,
      enabled int NOT NULL default 0,
      plurals int NOT NULL default 0,
      formula varchar(128) NOT NULL default '',
      domain varchar(128) NOT NULL default '',
      prefix varchar(128) NOT NULL default '',
      weight int NOT NULL default 0,
      javascript varchar(32) NOT NULL default '',
      PRIMARY KEY (language),
      KEY list (weight, name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE variable (
      name varchar(128) NOT NULL default '',
      value longtext NOT NULL,
      PRIMARY KEY (name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    # CCK's own bookkeeping: which field lives in which table.
    """CREATE TABLE content_node_field (
      field_name varchar(32) NOT NULL default '',
      type varchar(127) NOT NULL default '',
      global_settings mediumtext NOT NULL,
      required tinyint NOT NULL default 0,
      multiple tinyint NOT NULL default 0,
      db_storage tinyint NOT NULL default 1,
      module varchar(127) NOT NULL default '',
      db_columns mediumtext NOT NULL,
      active tinyint NOT NULL default 0,
      locked tinyint NOT NULL default 0,
      PRIMARY KEY (field_name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
    """CREATE TABLE content_node_field_instance (
      field_name varchar(32) NOT NULL default '',
      type_name varchar(32) NOT NULL default '',
      weight int NOT NULL default 0,
      label varchar(255) NOT NULL default '',
      widget_type varchar(32) NOT NULL default '',
      widget_settings mediumtext NOT NULL,
      display_settings mediumtext NOT NULL,
      description mediumtext NOT NULL,
      widget_module varchar(127) NOT NULL default '',
      widget_active tinyint NOT NULL default 0,
      PRIMARY KEY (field_name, type_name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8""",
]


def cck_type_table(type_name, single_fields):
    """content_type_<type>: one row per revision with the single-value fields' columns.
    `single_fields` maps a field name to its kind ("filefield" or "text")."""
    columns = []
    for name, kind in single_fields.items():
        if kind == "filefield":
            columns += [
                f"field_{name}_fid int default NULL",
                f"field_{name}_list tinyint default NULL",
                f"field_{name}_data text",
            ]
        else:
            columns += [f"field_{name}_value longtext", f"field_{name}_format int unsigned"]
    body = ",\n".join(
        ["vid int unsigned NOT NULL default 0", "nid int unsigned NOT NULL default 0"]
        + columns
        + ["PRIMARY KEY (vid)", "KEY nid (nid)"]
    )
    return f"CREATE TABLE content_type_{type_name} (\n{body}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8"


def cck_field_table(field_name):
    """content_field_<name>: a multi-value (or shared) file field, one row per delta."""
    return f"""CREATE TABLE content_field_{field_name} (
      vid int unsigned NOT NULL default 0,
      nid int unsigned NOT NULL default 0,
      delta int unsigned NOT NULL default 0,
      field_{field_name}_fid int default NULL,
      field_{field_name}_list tinyint default NULL,
      field_{field_name}_data text,
      PRIMARY KEY (vid, delta),
      KEY nid (nid)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8"""
