# Varnish delante de gunicorn: guarda lo que Django declara público y lo purga cuando cambia el
# contenido. Django decide qué se guarda y cuánto (config/cache_http.py):
#   - público:  Cache-Control: public, max-age=300, s-maxage=3600, stale-while-revalidate=60
#   - personal: Cache-Control: private, no-store (formularios con token CSRF, consultas)
# Al guardar contenido, Django manda «PURGE /» con «X-Purgar-Todo: 1» (config/purga.py,
# PURGA_PROXIES=http://varnish:80) y aquí se vuelve un ban de todas las copias.
# «web» es gunicorn o el balanceador delante de varias réplicas (compose.yaml).
# Probado con el Varnish de Debian 12 (7.1) en tests/config/test_varnish.py.
vcl 4.1;

import std;

backend web {
    .host = "web";
    .port = "8000";
    .connect_timeout = 3s;
    .first_byte_timeout = 60s;
    # Sin sonda propia: /salud/ exige un Host de ALLOWED_HOSTS y el balanceador (nginx) ya saca
    # de la vuelta las réplicas caídas.
}

# Quién puede purgar: los contenedores de la aplicación (red interna) y la propia máquina.
acl purgadores {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgadores) {
            return (synth(405, "No permitido"));
        }
        if (req.http.X-Purgar-Todo) {
            ban("obj.status != 0");
        } else {
            ban("obj.http.X-Url == " + req.url);
        }
        return (synth(200, "Purgado"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/") {
        return (pass);
    }
    # Con sesión del personal o avisos pendientes, la página es de esa persona.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Otras cookies (csrftoken) no cambian una página pública: se busca en la caché igual. Si la
    # página no es pública, Django responde private/no-store y no se guarda.
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.X-Url = bereq.url;
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # stale-while-revalidate de Django: una copia vencida se sirve mientras se pide la nueva.
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-while-revalidate=([0-9]+).*", "\1s"), 60s);
    }
}

sub vcl_deliver {
    unset resp.http.X-Url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
