/*
 * Mejora progresiva de /ventanillas/cercanas/: si el navegador puede dar su ubicación, ofrece
 * un botón para usarla. Sin este archivo (o sin JavaScript) el formulario funciona igual con el
 * estado y el municipio. No hace ninguna petición a otro sitio: solo llena dos campos ocultos y
 * envía el mismo formulario.
 */
(function () {
  "use strict";
  var formulario = document.querySelector("form[data-ubicacion]");
  if (!formulario || !("geolocation" in navigator)) {
    return;
  }
  var latitud = formulario.querySelector("input[name=latitud]");
  var longitud = formulario.querySelector("input[name=longitud]");
  // Los textos vienen traducidos en la plantilla (atributos data-texto-*).
  var textos = {
    boton: formulario.getAttribute("data-texto-boton"),
    buscando: formulario.getAttribute("data-texto-buscando"),
    error: formulario.getAttribute("data-texto-error")
  };

  var boton = document.createElement("button");
  boton.type = "button";
  boton.className = "ms-boton ms-boton--secundario ms-cercanas__ubicacion";
  boton.textContent = textos.boton;
  var estado = document.createElement("p");
  estado.setAttribute("role", "status");
  estado.className = "ms-texto-secundario";
  formulario.appendChild(boton);
  formulario.appendChild(estado);

  boton.addEventListener("click", function () {
    estado.textContent = textos.buscando;
    navigator.geolocation.getCurrentPosition(
      function (posicion) {
        latitud.value = posicion.coords.latitude.toFixed(5);
        longitud.value = posicion.coords.longitude.toFixed(5);
        var seleccion = formulario.querySelectorAll("select");
        for (var i = 0; i < seleccion.length; i += 1) {
          seleccion[i].disabled = true;
        }
        formulario.submit();
      },
      function () {
        estado.textContent = textos.error;
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
