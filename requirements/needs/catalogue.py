"""The default needs grid a project starts from (step 6), written for MSP SI.

Plain data: domains → sub-domains → requirements. It covers the transversal needs listed
by the method for step 6 (seed 001) and a few examples per profession. The project adapts
it freely; only the requirements of professions present in the MSP are copied.
"""

from __future__ import annotations

from dataclasses import dataclass

from projects.choices import Profession as P

E, IMP, S = "essential", "important", "desirable"


@dataclass(frozen=True)
class Need:
    """A requirement of the catalogue; ``profession`` empty = transversal."""

    text: str
    priority: str
    profession: str = ""


@dataclass(frozen=True)
class SubDomain:
    title: str
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class Domain:
    """A domain and its code prefix (``DOS`` → ``DOS-001``…)."""

    code: str
    title: str
    subdomains: tuple[SubDomain, ...]


def _sub(title: str, *needs: tuple[str, str] | tuple[str, str, str]) -> SubDomain:
    return SubDomain(title, tuple(Need(*n) for n in needs))


CATALOGUE: tuple[Domain, ...] = (
    Domain("DOS", "Dossier patient et synthèse partagée", (
        _sub("Identité et données administratives",
             ("Une fiche d'identité unique par patient, commune à tous les professionnels "
              "de la structure, sans doublon.", E),
             ("Détection des doublons potentiels à la création d'un patient (nom, "
              "prénom, date de naissance) et fusion contrôlée.", IMP),
             ("Lecture de la carte Vitale et de l'attestation de droits pour alimenter "
              "la fiche administrative.", E),
             ("Identification du patient par l'identité nationale de santé (INS) "
              "qualifiée via le téléservice.", E),
             ("Saisie des coordonnées de l'entourage, de la personne de confiance et des "
              "professionnels extérieurs qui suivent le patient.", IMP)),
        _sub("Synthèse partagée",
             ("Une vue de synthèse du patient en un écran : antécédents, allergies, "
              "traitements en cours, problèmes actifs, dernier contact.", E),
             ("Antécédents et facteurs de risque saisis une fois et visibles par tous les "
              "professionnels habilités.", E),
             ("Allergies et intolérances signalées de façon visible sur chaque écran du "
              "dossier.", E),
             ("Historique chronologique des contacts du patient avec chaque profession de "
              "la structure.", IMP),
             ("Codage des problèmes de santé et des motifs de recours selon une "
              "classification reconnue (CIM-10 ou CISP-2).", IMP),
             ("Filtrage de la synthèse par profession ou par période.", S)),
        _sub("Documents et résultats",
             ("Classement des comptes rendus, courriers et résultats reçus dans le "
              "dossier du patient, avec un type de document et une date.", E),
             ("Import des résultats de biologie structurés (HPRIM ou HL7) avec "
              "présentation en tableau et en courbe.", IMP),
             ("Numérisation et rattachement d'un document papier au dossier en quelques "
              "clics.", IMP),
             ("Recherche plein texte dans les documents d'un patient.", S)),
        _sub("Prescriptions et traitements",
             ("Liste des traitements en cours partagée entre prescripteurs, infirmiers "
              "et pharmaciens de la structure.", E),
             ("Aide à la prescription certifiée (base de données médicamenteuse "
              "agréée), avec contrôle des interactions et contre-indications.", E),
             ("Historique des vaccinations consultable par tous les professionnels "
              "habilités.", IMP),
             ("Prescription électronique (e-prescription) transmise au téléservice de "
              "l'Assurance maladie.", IMP)),
    )),
    Domain("COO", "Coordination des soins et planification", (
        _sub("Suivi par pathologie et protocoles",
             ("Fiches de suivi par pathologie chronique (diabète, insuffisance "
              "cardiaque, BPCO…) partagées entre les professionnels du protocole.", E),
             ("Modèles de protocoles pluri-professionnels définissant qui fait quoi et "
              "à quelle fréquence.", IMP),
             ("Inclusion d'un patient dans un protocole et suivi des étapes réalisées ou "
              "en retard.", IMP),
             ("Plan personnalisé de santé ou de prévention rédigé à plusieurs et "
              "imprimable pour le patient.", IMP),
             ("Compte rendu de réunion de concertation pluri-professionnelle rattaché "
              "au dossier.", IMP)),
        _sub("Agenda et rendez-vous",
             ("Agenda partagé par professionnel, consultable par le secrétariat et les "
              "collègues habilités.", E),
             ("Prise de rendez-vous par le secrétariat pour n'importe quel professionnel "
              "de la structure, sur tous les sites.", E),
             ("Gestion des salles et du matériel partagés entre professionnels.", S),
             ("Rappel de rendez-vous par SMS ou courriel au patient.", IMP),
             ("Prise de rendez-vous en ligne par les patients, activable par "
              "professionnel.", S),
             ("Planification des visites et tournées à domicile.", S)),
        _sub("Tâches et alertes",
             ("Attribution d'une tâche à un collègue à propos d'un patient, avec "
              "échéance et suivi de sa réalisation.", E),
             ("Liste de ses tâches et de ses alertes à l'ouverture de session.", IMP),
             ("Alertes de suivi sur le dossier (examen à prévoir, vaccin à faire, "
              "résultat anormal).", IMP),
             ("Formulaires de recueil personnalisables (questionnaires, échelles).", S)),
    )),
    Domain("PAR", "Paramétrage", (
        _sub("Accès et habilitations",
             ("Profils d'accès définis par profession et par statut (titulaire, "
              "remplaçant, vacataire, stagiaire, secrétariat).", E),
             ("Restriction de l'accès à certaines parties du dossier (notes "
              "personnelles, données psychologiques) à leur auteur ou à une liste "
              "d'habilités.", E),
             ("Authentification des professionnels par carte CPS ou e-CPS.", E),
             ("Traçabilité consultable des accès aux dossiers (qui, quand, quoi).", E),
             ("Désactivation immédiate des accès d'un professionnel qui quitte la "
              "structure, sans perte de ses saisies.", IMP),
             ("Accès exceptionnel « bris de glace » tracé et justifié.", S)),
        _sub("Présentation et éditions",
             ("Choix par chaque utilisateur de l'écran d'accueil et des rubriques "
              "affichées.", S),
             ("Modèles de courriers et d'ordonnances aux couleurs de la structure, "
              "modifiables sans le prestataire.", IMP),
             ("Listes de choix (motifs, actes, examens) paramétrables par la "
              "structure.", IMP)),
        _sub("Alertes",
             ("Création de règles d'alerte par la structure (âge, sexe, pathologie, "
              "date du dernier examen).", IMP),
             ("Activation et désactivation des alertes par profession.", S)),
        _sub("Indicateurs",
             ("Définition d'indicateurs propres à la structure à partir des données "
              "saisies, sans développement spécifique.", IMP),
             ("Paramétrage des indicateurs de l'accord conventionnel "
              "interprofessionnel fournis en standard.", E)),
        _sub("Outils de planification",
             ("Paramétrage des plages horaires, des durées de rendez-vous et des motifs "
              "par professionnel.", E),
             ("Paramétrage des catégories et des délais de tâches.", S)),
        _sub("Facturation",
             ("Paramétrage des actes, tarifs et dépassements par profession.", IMP),
             ("Paramétrage des organismes complémentaires et des conventions de tiers "
              "payant.", IMP)),
    )),
    Domain("INF", "Consentement et information du patient", (
        _sub("Consentement",
             ("Recueil et traçabilité du consentement du patient au partage de ses "
              "données au sein de l'équipe de soins.", E),
             ("Enregistrement de l'opposition du patient au partage vers une profession "
              "ou un professionnel donné.", E),
             ("Recueil du consentement à l'alimentation et à la consultation du DMP.", E),
             ("Date et mode de recueil du consentement visibles dans la fiche du "
              "patient.", IMP)),
        _sub("Information du patient",
             ("Édition du document d'information du patient sur l'exercice coordonné "
              "et le partage de ses données.", E),
             ("Export des données d'un patient qui en fait la demande (droit d'accès).", IMP),
             ("Mise à disposition de documents au patient par une messagerie ou un "
              "espace sécurisé.", S)),
    )),
    Domain("FAC", "Facturation", (
        _sub("Facturation et télétransmission",
             ("Création des feuilles de soins électroniques (SESAM-Vitale) pour chaque "
              "profession présente.", E),
             ("Gestion du tiers payant Assurance maladie et complémentaires.", E),
             ("Facturation en mode dégradé et envoi différé en cas de coupure.", IMP),
             ("Facturation des forfaits et rémunérations collectives de la structure.", S)),
        _sub("Suivi des paiements",
             ("Rapprochement automatique des retours de paiement (fichiers NOEMIE).", IMP),
             ("Liste des impayés et des rejets avec relance.", IMP),
             ("Export comptable par professionnel.", S)),
    )),
    Domain("PIL", "Pilotage et indicateurs", (
        _sub("Indicateurs d'activité",
             ("Tableau de bord de l'activité par profession et par site (patients vus, "
              "actes, file active).", IMP),
             ("Nombre de patients suivis par pathologie chronique et par protocole.", IMP),
             ("Export des données anonymisées pour l'évaluation du projet de santé.", S)),
        _sub("Indicateurs conventionnels",
             ("Calcul des indicateurs de l'accord conventionnel interprofessionnel sans "
              "ressaisie.", E),
             ("Édition des justificatifs demandés pour le versement des "
              "rémunérations.", IMP),
             ("Suivi de l'évolution des indicateurs dans le temps, par trimestre.", S)),
    )),
    Domain("MSG", "Échanges internes", (
        _sub("Messagerie interne",
             ("Messagerie interne entre professionnels de la structure, avec "
              "rattachement possible d'un message au dossier d'un patient.", E),
             ("Notification d'un nouveau message à l'ouverture de session.", IMP),
             ("Messages à un groupe (toutes les infirmières, le secrétariat, l'équipe "
              "d'un protocole).", IMP),
             ("Consultation de la messagerie interne depuis un téléphone.", S)),
    )),
    Domain("EXT", "Échanges externes", (
        _sub("Messagerie sécurisée de santé",
             ("Envoi et réception de courriels par une messagerie sécurisée de santé "
              "de l'espace de confiance MSSanté.", E),
             ("Intégration des documents reçus par messagerie sécurisée dans le dossier "
              "du patient.", E),
             ("Annuaire santé national pour trouver l'adresse sécurisée d'un "
              "correspondant.", IMP)),
        _sub("Dossier médical partagé",
             ("Alimentation du DMP avec le volet de synthèse médicale et les comptes "
              "rendus.", E),
             ("Consultation du DMP d'un patient depuis son dossier, sans nouvelle "
              "identification.", IMP)),
        _sub("Télémédecine",
             ("Téléconsultation intégrée à l'agenda et au dossier.", S),
             ("Demande et réponse de téléexpertise tracées dans le dossier.", S)),
        _sub("Partenaires du territoire",
             ("Réception des résultats des laboratoires partenaires directement dans "
              "le dossier.", E),
             ("Échange de documents avec les établissements de santé, le SSIAD et les "
              "EHPAD du territoire.", IMP)),
    )),
    Domain("TEC", "Sécurité et exploitation", (
        _sub("Disponibilité et sauvegarde",
             ("Sauvegarde quotidienne des données avec restauration testée.", E),
             ("Hébergement des données de santé par un hébergeur certifié (HDS) quand "
              "la solution est externalisée.", E),
             ("Accès au dossier depuis un poste hors de la structure (visite à "
              "domicile, autre site), de façon sécurisée.", IMP),
             ("Consultation et saisie depuis une tablette en visite.", S)),
        _sub("Conformité",
             ("Logiciel référencé au label e-santé « logiciels maisons et centres de "
              "santé » (niveau standard au moins).", E),
             ("Export de l'ensemble des données dans un format documenté à la fin du "
              "contrat (réversibilité).", E)),
    )),
    Domain("MET", "Besoins propres à chaque profession", (
        _sub("Médecine générale",
             ("Saisie des constantes avec courbes (poids, tension, HbA1c).", E, P.GP),
             ("Certificats et formulaires réglementaires pré-remplis (arrêt de travail "
              "dématérialisé, ALD).", E, P.GP),
             ("Suivi des patients dont on est médecin traitant.", IMP, P.GP)),
        _sub("Soins infirmiers",
             ("Planification des soins infirmiers et des tournées avec le dossier de "
              "soins.", E, P.NURSE),
             ("Transmissions ciblées entre infirmiers consultables à domicile.", E,
              P.NURSE),
             ("Bilan de soins infirmiers (BSI) rédigé et transmis en ligne.", IMP, P.NURSE)),
        _sub("Masso-kinésithérapie",
             ("Bilan-diagnostic kinésithérapique avec suivi des séances.", E, P.PHYSIOTHERAPIST),
             ("Programme d'exercices imprimable pour le patient.", S, P.PHYSIOTHERAPIST)),
        _sub("Pharmacie",
             ("Bilan partagé de médication rattaché au dossier.", IMP, P.PHARMACIST),
             ("Visibilité des prescriptions des médecins de la structure pour la "
              "dispensation.", E, P.PHARMACIST)),
        _sub("Maïeutique",
             ("Dossier de suivi de grossesse avec les examens obligatoires.", E, P.MIDWIFE),
             ("Suivi post-natal et rééducation périnéale.", IMP, P.MIDWIFE)),
        _sub("Chirurgie dentaire",
             ("Schéma dentaire et plan de traitement avec devis.", E, P.DENTIST),
             ("Rattachement des radiographies au dossier.", IMP, P.DENTIST)),
        _sub("Orthophonie",
             ("Bilans orthophoniques avec modèles et suivi des séances.", E,
              P.SPEECH_THERAPIST),
             ("Suivi des prescriptions et des renouvellements de séries d'actes.", IMP,
              P.SPEECH_THERAPIST)),
        _sub("Pédicurie-podologie",
             ("Bilan podologique du patient diabétique avec gradation du risque.", E,
              P.PODIATRIST),
             ("Fiches de fabrication des orthèses plantaires.", S, P.PODIATRIST)),
        _sub("Diététique",
             ("Suivi anthropométrique et courbes de poids.", IMP, P.DIETICIAN)),
        _sub("Psychologie",
             ("Notes de séance réservées au psychologue, jamais partagées.", E,
              P.PSYCHOLOGIST),
             ("Échelles d'évaluation standardisées.", S, P.PSYCHOLOGIST)),
        _sub("Secrétariat et accueil",
             ("Écran d'accueil du jour : patients attendus, arrivés, en retard, par "
              "professionnel.", E, P.SECRETARY),
             ("Messages téléphoniques pris pour un professionnel et transmis dans sa "
              "liste de tâches.", E, P.SECRETARY),
             ("Impression des agendas du lendemain.", S, P.SECRETARY)),
        _sub("Coordination",
             ("Liste des patients inclus dans chaque protocole avec les actions en "
              "retard.", E, P.COORDINATOR),
             ("Organisation des réunions de concertation et diffusion de leurs comptes "
              "rendus.", IMP, P.COORDINATOR)),
    )),
)


def catalogue_size() -> int:
    """Number of requirements in the catalogue, all professions included."""
    return sum(len(s.needs) for d in CATALOGUE for s in d.subdomains)
