"""Writes approved.po: the golden Spanish catalog of one corpus article with a translator's approved Spanish.

The Spanish below was written by the team for these tests (a human reference for ``newsl10n eval``).
Run from the repository root: ``python tests/data/eval/make_fixture.py``.
"""

from __future__ import annotations

from pathlib import Path

import polib

HERE = Path(__file__).parent
GOLDEN = HERE.parent.parent / "golden" / "data" / "locales" / "es" / "LC_MESSAGES" / "cooperation-agreement-signed.po"

SPANISH = {
    "SPbPU and UPM renew their cooperation agreement for five more years":
        "La SPbPU y la UPM renuevan su acuerdo de cooperación por cinco años más",
    "The rectors of Peter the Great St. Petersburg Polytechnic University and the Technical University of Madrid "
    "have signed a new cooperation agreement that extends their strategic partnership until 2027.":
        "Los rectores de la Universidad Estatal Politécnica de San Petersburgo Pedro el Grande y de la Universidad "
        "Politécnica de Madrid han firmado un nuevo acuerdo de cooperación que amplía su alianza estratégica hasta 2027.",
    "The document was signed in Madrid by Prof. Ignacio Montero, Rector of UPM, and by Prof. Mikhail Zaitsev, "
    "Rector of SPbPU, during the annual meeting of the two universities' coordinators.":
        "El documento fue firmado en Madrid por el Prof. Ignacio Montero, rector de la UPM, y por el Prof. Mikhail "
        "Zaitsev, rector de la SPbPU, durante la reunión anual de los coordinadores de ambas universidades.",
    "The first agreement between the universities was signed in 2017 and covered mainly the exchange of students.":
        "El primer acuerdo entre las universidades se firmó en 2017 y abarcaba sobre todo el intercambio de estudiantes.",
    "The new one is much broader.": "El nuevo es mucho más amplio.",
    "It provides for joint research projects, double-degree programmes at master's and doctoral level, visits of "
    "teaching staff and shared access to laboratories.":
        "Prevé proyectos de investigación conjuntos, programas de doble titulación de máster y doctorado, visitas "
        "del personal docente y acceso compartido a los laboratorios.",
    "It also creates a joint steering committee that will meet twice a year and report to both rectors.":
        "También crea un comité de dirección conjunto que se reunirá dos veces al año e informará a ambos rectores.",
    "\"Five years ago we started with a handful of exchange students.":
        "\"Hace cinco años empezamos con un puñado de estudiantes de intercambio.",
    "What changes for students and staff": "Qué cambia para los estudiantes y el personal",
    "For students the most visible change is the number of exchange places, which grows from 20 to 35 a year in "
    "each direction.":
        "Para los estudiantes, el cambio más visible es el número de plazas de intercambio, que pasa de 20 a 35 al "
        "año en cada sentido.",
    "Students of the Institute of Mechanical Engineering, Materials and Transport and of the Institute of Energy "
    "will have priority in the first round of selection.":
        "Los estudiantes del Instituto de Ingeniería Mecánica, Materiales y Transporte y del Instituto de Energía "
        "tendrán prioridad en la primera ronda de selección.",
    "Prof. Montero added that UPM sees the Polytechnic University as <1>one of its key partners in Eastern "
    "Europe</1> and hopes that the new agreement will bring the two research communities even closer.":
        "El Prof. Montero añadió que la UPM considera a la Universidad Politécnica <1>uno de sus socios clave en "
        "Europa del Este</1> y espera que el nuevo acuerdo acerque aún más a las dos comunidades científicas.",
    "Contacts": "Contactos",
    "St. Petersburg 195251, Russia": "San Petersburgo 195251, Rusia",
    "Office hours: Monday to Thursday, 10:00–17:00": "Horario de atención: de lunes a jueves, de 10:00 a 17:00",
    "The list of courses open to exchange students in the spring semester will be published in December.":
        "La lista de asignaturas abiertas a los estudiantes de intercambio en el semestre de primavera se publicará "
        "en diciembre.",
}


def main() -> None:
    po = polib.pofile(str(GOLDEN), wrapwidth=0)
    for entry in po:
        if entry.msgid in SPANISH:
            entry.msgstr = SPANISH[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.tcomment = ""
    po.save(str(HERE / "approved.po"))


if __name__ == "__main__":
    main()
