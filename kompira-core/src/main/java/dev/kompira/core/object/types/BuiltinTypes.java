package dev.kompira.core.object.types;

import static dev.kompira.core.object.types.BuiltinType.Support.CORE;
import static dev.kompira.core.object.types.BuiltinType.Support.LATER;
import static dev.kompira.core.object.types.BuiltinType.Support.OUT;

import java.util.List;
import java.util.Optional;

/**
 * The built-in types of objects.md §4 as data: every type's field names, display names and
 * declarations exactly as objects.md (and Kompira's export files) write them, so that a store can
 * seed {@code /system/types} and an import of a real Kompira tree finds every type it uses — the
 * types whose behaviour is LATER or OUT included (§4.0: their data must be storable).
 *
 * <p>{@link #all()} lists the types in creation order: TypeObject first (it is its own type), then
 * Directory and the rest in the order of §4. Stateless and thread-safe.
 */
public final class BuiltinTypes {

    /** The directory that holds the built-in type objects. */
    public static final String TYPES_DIRECTORY = "/system/types";

    private static final List<BuiltinType> ALL = List.of(
            type("TypeObject", CORE,
                    field("extend", "Extend module", "String"),
                    field("fieldNames", "Field names", "Array"),
                    field("fieldDisplayNames", "Field display names", "Array"),
                    field("fieldTypes", "Field types", "Array")),
            type("Directory", CORE,
                    field("orderBy", "Sort order", "String"),
                    field("pageSize", "Page size", "Integer#{\"default\": 25, \"min_value\": 10, \"max_value\": 1000}")),
            type("Table", CORE,
                    field("typeObject", "Type object", "Object#{\"object\": \"/system/types/TypeObject\", \"no_empty\": true}"),
                    field("relatedObject", "Related object", "Object#{\"object\": [\"/system/types/Jobflow\", \"/system/types/Form\"]}"),
                    field("displayList", "Display fields", "Array"),
                    field("orderBy", "Sort order", "String"),
                    field("pageSize", "Page size", "Integer#{\"default\": 25, \"min_value\": 10, \"max_value\": 1000}")),
            type("Jobflow", CORE,
                    field("source", "Source", "LargeText"),
                    field("code", "Code", "LargeText#{\"invisible\": true}"),
                    field("parameters", "Parameters", "Dictionary#{\"invisible\": true}"),
                    field("executable", "Executable", "Boolean#{\"invisible\": true}"),
                    field("errors", "Errors", "Dictionary#{\"invisible\": true}"),
                    field("compilerVersion", "Compiler version", "String#{\"invisible\": true}"),
                    field("multiplicity", "Multiplicity", "Integer"),
                    field("defaultCheckpointMode", "Default Checkpoint mode", "Boolean"),
                    field("defaultMonitoringMode", "Default Monitoring mode", "Enum#{\"enum\": [[\"NOTHING\", \"Do nothing.\"], [\"MAIL\", \"When the process is finished, a mail will be sent.\"], [\"ABORT_MAIL\", \"When the process is terminated abnormally, a mail will be sent.\"]]}"),
                    field("compiledDatetime", "Compiled Datetime", "Datetime#{\"invisible\": true}")),
            type("ScriptJob", CORE,
                    field("source", "Source", "LargeText"),
                    field("ext", "Extension", "String"),
                    field("multiplicity", "Multiplicity", "Integer")),
            type("Library", CORE,
                    field("libraryType", "Library type", "Enum#{\"enum\": [\"source\", \"safe_source\", \"module\"], \"default\": \"source\"}"),
                    field("modulePath", "Module path", "String"),
                    field("sourceText", "Source text", "LargeText"),
                    field("document", "Document", "LargeText#{\"invisible\": true}"),
                    field("executable", "Executable", "Boolean#{\"invisible\": true}")),
            type("Channel", CORE,
                    field("message_queue", "Message queue", "Array<Binary>#{\"invisible\": true}"),
                    field("event_queue", "Event queue", "Array<Binary>#{\"invisible\": true}"),
                    field("action_type", "Action type", "Enum#{\"enum\":[[\"NoAction\",\"No action\"],[\"ExecuteJobflow\",\"Execute Jobflow\"]],\"default\":\"NoAction\"}"),
                    field("action_target", "Action target", "Object#{\"object\":{\"switch\":\"$[action_type]\",\"case\":{\"NoAction\":[],\"ExecuteJobflow\":\"/system/types/Jobflow\"}}}")),
            type("Environment", CORE,
                    field("environment", "Environment", "Dictionary")),
            type("Config", CORE,
                    field("fieldNames", "Field names", "Array"),
                    field("fieldDisplayNames", "Field display names", "Array"),
                    field("fieldTypes", "Field types", "Array")),
            type("NodeInfo", CORE,
                    field("nodetype", "Node type", "Object#{\"object\":\"/system/types/NodeType\"}"),
                    field("conntype", "Connection type", "Enum#{\"enum\":\"$[nodetype][conntypes]\"}"),
                    field("hostname", "Hostname", "String"),
                    field("ipaddr", "IP address", "IPAddress"),
                    field("port", "Port number", "Integer#{\"min_value\": 0, \"max_value\": 65535}"),
                    field("shell", "Shell", "String"),
                    field("use_shell", "Use shell", "Boolean#{\"default\": false}"),
                    field("proxy", "Proxy", "Object#{\"object\": \"/system/types/NodeInfo\"}"),
                    field("account", "Account", "Object#{\"object\": \"/system/types/AccountInfo\"}")),
            type("AccountInfo", CORE,
                    field("user", "Username", "String"),
                    field("password", "Password", "Password"),
                    field("keyfile", "SSH key file", "File"),
                    field("passphrase", "SSH key passphrase", "Password")),
            type("NodeType", CORE,
                    field("conntypes", "Connection types", "Dictionary")),
            type("AttachedFile", CORE,
                    field("attached1", "Attached file 1", "File"),
                    field("attached2", "Attached file 2", "File"),
                    field("attached3", "Attached file 3", "File")),
            type("Virtual", CORE,
                    field("virtual", "Implementation module", "String")),
            type("Realm", LATER,
                    field("range", "Range", "Array"),
                    field("disabled", "Disabled", "Boolean")),
            type("Text", LATER,
                    field("text", "Text", "LargeText"),
                    field("ext", "Extension", "String"),
                    field("contentType", "Content type", "String"),
                    field("context", "Context", "Object#{\"object\": \"/system/types/Environment\"}")),
            type("Template", OUT,
                    field("template", "Template", "LargeText")),
            type("MailTemplate", CORE,
                    field("subject", "Subject", "String"),
                    field("body", "Body", "LargeText")),
            type("SystemInfo", LATER),
            type("MailChannel", CORE,
                    field("message_queue", "Message queue", "Array<Binary>#{\"invisible\": true}"),
                    field("event_queue", "Event queue", "Array<Binary>#{\"invisible\": true}"),
                    field("serverName", "Server name", "String"),
                    field("protocol", "Protocol", "Enum#{\"enum\": [\"IMAP4\", \"POP3\"], \"default\": \"IMAP4\"}"),
                    field("SSL", "SSL", "Boolean"),
                    field("port", "Port number", "Integer#{\"min_value\": 0, \"max_value\": 65535}"),
                    field("username", "Username", "String"),
                    field("password", "Password", "Password"),
                    field("timeout", "Timeout", "Integer#{\"default\": 60, \"min_value\": 0}"),
                    field("use_oauth2", "Use OAuth2", "Boolean"),
                    field("oauth2_provider", "OAuth2 provider", "Object#{\"object\": \"/system/types/OAuth2Provider\"}"),
                    field("refresh_token", "Refresh token", "Password#{\"invisible\": true}"),
                    field("access_token", "Access token", "Password#{\"invisible\": true}"),
                    field("token_expires_at", "Token expires at", "Datetime#{\"invisible\": true}"),
                    field("mailbox", "Mailbox", "String#{\"default\": \"INBOX\"}"),
                    field("receive_mode", "Receive mode", "Enum#{\"enum\":{\"switch\":\"$[protocol]\",\"case\":{\"IMAP4\":[[\"ReceiveAllAndDelete\",\"Receive all mail, and delete received mail.\"],[\"ReceiveUnseenAndSetSeen\",\"Receive unread mail, and mark received mail as read.\"]],\"POP3\":[[\"ReceiveAllAndDelete\",\"Receive all mail, and delete received mail.\"]]}}}"),
                    field("checkInterval", "Interval", "Integer#{\"default\": 10, \"min_value\": 0}"),
                    field("action_type", "Action type", "Enum#{\"enum\":[[\"NoAction\",\"No action\"],[\"ExecuteJobflow\",\"Execute jobflow\"]],\"default\":\"NoAction\"}"),
                    field("action_target", "Action target", "Object#{\"object\":{\"switch\":\"$[action_type]\",\"case\":{\"NoAction\":[],\"ExecuteJobflow\":\"/system/types/Jobflow\"}}}"),
                    field("log", "Log", "LargeText#{\"invisible\": true}"),
                    field("logSize", "Log size", "Integer#{\"default\": 65536}"),
                    field("disabled", "Disabled", "Boolean#{\"default\": true}")),
            type("SmtpServer", CORE,
                    field("hostname", "Host name", "String"),
                    field("port", "Port number", "Integer#{\"min_value\": 0, \"max_value\": 65535}"),
                    field("username", "User name", "String"),
                    field("password", "Password", "Password"),
                    field("timeout", "Timeout", "Integer#{\"default\": 60, \"min_value\": 0}"),
                    field("use_tls", "Use TLS", "Boolean"),
                    field("use_ssl", "Use SSL", "Boolean"),
                    field("use_oauth2", "Use OAuth2", "Boolean"),
                    field("oauth2_provider", "OAuth2 provider", "Object#{\"object\": \"/system/types/OAuth2Provider\"}"),
                    field("refresh_token", "Refresh token", "Password#{\"invisible\": true}"),
                    field("access_token", "Access token", "Password#{\"invisible\": true}"),
                    field("token_expires_at", "Token expires at", "Datetime#{\"invisible\": true}")),
            type("Form", OUT,
                    field("submitObject", "Submit object", "Object#{\"object\": [\"/system/types/Jobflow\", \"/system/types/Channel\"], \"no_empty\": true}"),
                    field("fieldNames", "Field names", "Array"),
                    field("fieldDisplayNames", "Field display names", "Array"),
                    field("fieldTypes", "Field types", "Array")),
            type("Repository", OUT,
                    field("URL", "URL", "URL"),
                    field("repositoryType", "Repository type", "Enum#{\"enum\": [\"git\", \"mercurial\"]}"),
                    field("port", "Port number", "Integer#{\"min_value\": 0, \"max_value\": 65535}"),
                    field("username", "Username", "String"),
                    field("password", "Password", "Password"),
                    field("directory", "Directory", "Object#{\"object\": \"/system/types/Directory\"}"),
                    field("updateConfig", "Update config data", "Boolean"),
                    field("log", "Log", "LargeText#{\"invisible\": true}")),
            type("Wiki", OUT,
                    field("wikitext", "Wiki text", "LargeText"),
                    field("style", "Wiki style", "Enum#{\"enum\": [\"Creole\", \"Markdown\", \"Textile\"], \"default\": \"Creole\"}")),
            type("CustomStyle", OUT,
                    field("mainBackColor", "Main background color", "String#{\"pattern\":\"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|(rgb|hsl)\\\\(.+,.+,.+\\\\)|[A-Za-z]+)$\"}"),
                    field("menubarBackColor", "Menu bar background color", "String#{\"pattern\":\"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|(rgb|hsl)\\\\(.+,.+,.+\\\\)|[A-Za-z]+)$\"}"),
                    field("menubarTextColor", "Menu bar text color", "String#{\"pattern\":\"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|(rgb|hsl)\\\\(.+,.+,.+\\\\)|[A-Za-z]+)$\"}"),
                    field("invertMode", "Invert mode", "Boolean")),
            type("LdapServer", OUT,
                    field("server_url", "Server URL", "URL#{\"schemes\": [\"ldap\", \"ldaps\"]}"),
                    field("timeout", "Timeout (in seconds)", "Integer#{\"default\": 10}"),
                    field("use_starttls", "Use STARTTLS", "Boolean#"),
                    field("fallback_login", "Fallback Login", "Boolean#"),
                    field("session_expiration", "Session Expiration (in hours)", "Float#{\"default\": 0, \"min_value\": 0, \"max_value\": 10000000}"),
                    field("bind_dn", "Bind DN", "String#"),
                    field("bind_password", "Bind Password", "Password#"),
                    field("user_search_dn", "User Search DN", "String#"),
                    field("user_search_scope", "User Search Scope", "Enum#{\"enum\": [\"BASE\", \"ONELEVEL\", \"SUBTREE\"], \"default\": \"SUBTREE\"}"),
                    field("user_search_attribute", "User Search Attribute", "String#{\"default\": \"name\"}"),
                    field("target_users", "Target Users", "Array#"),
                    field("required_group_dn", "Required Group DN", "Array#"),
                    field("group_search_dn", "Group Search DN", "String#"),
                    field("group_search_scope", "Group Search Scope", "Enum#{\"enum\": [\"BASE\", \"ONELEVEL\", \"SUBTREE\"], \"default\": \"SUBTREE\"}"),
                    field("group_search_class", "Group Search Class", "String#{\"default\": \"group\"}"),
                    field("group_type", "Group Type", "Enum#{\"enum\": [\"PosixGroup\", \"GroupOfNames\", \"NestedGroupOfNames\", \"GroupOfUniqueNames\", \"NestedGroupOfUniqueNames\", \"ActiveDirectoryGroup\", \"NestedActiveDirectoryGroup\", \"OrganizationalRoleGroup\", \"NestedOrganizationalRoleGroup\"]}"),
                    field("mirror_groups", "Mirror Groups", "Array#"),
                    field("user_data_first_name", "User Data (First Name)", "String#{\"default\": \"givenName\"}"),
                    field("user_data_last_name", "User Data (Last Name)", "String#{\"default\": \"sn\"}"),
                    field("user_data_email", "User Data (Email)", "String#{\"default\": \"mail\"}")),
            type("License", OUT),
            type("OAuth2Provider", OUT,
                    field("client_id", "Client ID", "String"),
                    field("client_secret", "Client secret", "Password"),
                    field("auth_endpoint", "Authorization endpoint", "URL"),
                    field("token_endpoint", "Token endpoint", "URL"),
                    field("scope", "Scope", "Array"),
                    field("redirect_url", "Redirect URL", "URL")),
            // not a type of Kompira's: the library keeps its schedules as objects, so that a Git store
            // writes them as files reviewed like flows (J230); last, so the ids of the others stay
            type("Schedule", CORE,
                    field("job", "Job", "Object#{\"object\": [\"/system/types/Jobflow\", \"/system/types/ScriptJob\"], \"no_empty\": true}"),
                    field("parameters", "Parameters", "Array<String>"),
                    field("year", "Year", "String"),
                    field("month", "Month", "String"),
                    field("day", "Day", "String"),
                    field("week", "Week", "String"),
                    field("day_of_week", "Day of week", "String"),
                    field("hour", "Hour", "String"),
                    field("minute", "Minute", "String"),
                    field("disabled", "Disabled", "Boolean")));

    /**
     * The declarations of the system configuration object {@code /system/config} as shipped by
     * Kompira (§4.29), including the vendor slip in {@code ldapServer}. objects.md gives no display
     * names for them; each is its key.
     */
    private static final List<FieldDefinition> SYSTEM_CONFIG = List.of(
            field("serverUrl", "serverUrl", "URL#"),
            field("adminEmail", "adminEmail", "EMail#"),
            field("doneMailTemplate", "doneMailTemplate", "Object#{\"object\": \"/system/types/MailTemplate\", \"default\": \"/system/templates/ProcessDone\"}"),
            field("abortMailTemplate", "abortMailTemplate", "Object#{\"object\": \"/system/types/MailTemplate\", \"default\": \"/system/templates/ProcessAborted\"}"),
            field("smtpServer", "smtpServer", "Object#{\"object\": \"/system/types/SmtpServer\", \"default\": \"/system/smtp_servers/Default\"}"),
            field("ldapServer", "ldapServer", "Object#{\"object\": \"/system/types/SmtpServer\", \"default\": \"/system/ldap_servers/Default\"}"),
            field("loginFailureLimit", "loginFailureLimit", "Integer#{\"default\": 3, \"min_value\": 0}"),
            field("accountLockoutTime", "accountLockoutTime", "Integer#{\"min_value\": 0, \"max_value\": 1000000}"),
            field("showCommandEnabled", "showCommandEnabled", "Boolean#{\"default\": false}"),
            field("showCommandFormat", "showCommandFormat", "String#{\"default\": \"[{username}@{hostname}]{sudomark} {command}\"}"),
            field("showStdoutEnabled", "showStdoutEnabled", "Boolean#{\"default\": true}"),
            field("showStdoutFilter", "showStdoutFilter", "String#{\"default\": \"32768\"}"),
            field("showStderrEnabled", "showStderrEnabled", "Boolean#{\"default\": true}"),
            field("showStderrFilter", "showStderrFilter", "String#{\"default\": \"\"}"),
            field("showSessionEnabled", "showSessionEnabled", "Boolean#{\"default\": true}"),
            field("showSessionFilter", "showSessionFilter", "String#{\"default\": \"\"}"),
            field("hidePasswordWhileEditing", "hidePasswordWhileEditing", "Boolean#"),
            field("customStyle", "customStyle", "Object#{\"object\": \"/system/types/CustomStyle\", \"default\": \"/system/styles/Default\"}"),
            field("brandTag", "brandTag", "String#{\"max_length\": 16}"));

    private BuiltinTypes() {
    }

    /** Returns every built-in type, in creation order. */
    public static List<BuiltinType> all() {
        return ALL;
    }

    /** Returns the built-in type called {@code name}, or empty. */
    public static Optional<BuiltinType> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Returns the field declarations of the Config {@code /system/config} (§4.29), in order. */
    public static List<FieldDefinition> systemConfigFields() {
        return SYSTEM_CONFIG;
    }

    private static BuiltinType type(String name, BuiltinType.Support support, FieldDefinition... fields) {
        return new BuiltinType(name, support, List.of(fields));
    }

    /** A field of a built-in type; the declarations are fixed text, so a parse failure is a bug of this class. */
    private static FieldDefinition field(String name, String displayName, String declaration) {
        return new FieldDefinition(name, displayName, FieldType.parse(declaration));
    }
}
