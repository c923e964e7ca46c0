"""Health terms, as a signal that a text holds sensitive information (APP 3.3, IPP 1 and GDPR Art 9
treat health information as a special category): conditions, treatments, care and services. A term is
a signal, not proof that the text is about a person's health; the score says so."""

from __future__ import annotations

import re

from privacydesk.scan.detectors import Detector, words

TERMS = words(
    "diabetes diabetic cancer tumour tumor chemotherapy chemo radiotherapy asthma epilepsy epileptic seizure "
    "seizures stroke dementia alzheimer's alzheimers parkinson's hiv aids hepatitis depression depressed anxiety "
    "bipolar schizophrenia psychosis ptsd adhd autism autistic dyslexia anorexia bulimia miscarriage pregnant "
    "pregnancy ivf surgery hospitalised hospitalized hospital inpatient outpatient rehab rehabilitation "
    "physiotherapy physio psychiatrist psychologist counsellor counselling therapist therapy medication "
    "prescription antidepressant antidepressants insulin methadone diagnosed disability disabled "
    "wheelchair ndis workcover acc-claim sick-leave illness injury injured concussion fracture arthritis "
    "migraine migraines covid covid-19 flu influenza std sti cardiac heart-attack arrhythmia "
    "blood-pressure hypertension cholesterol kidney dialysis liver transplant allergy allergic anaphylaxis "
    "overdose addiction alcoholism suicidal self-harm mental-health gp-appointment oncologist "
    "cardiologist neurologist medical-certificate sick-note"
)

_PHRASES = sorted((t.replace("-", "[ -]") for t in TERMS), key=len, reverse=True)

HEALTH = Detector(
    entity="HEALTH",
    pattern=re.compile(r"\b(?:" + "|".join(_PHRASES) + r")\b", re.I),
    score=0.6,
    reason="health term",
    negative_context=(),
)
