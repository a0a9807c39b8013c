BBBB BBBB BB gettext(u'You have a place: %(title)s') SSS SSSS S SSSSSS SSSSSSSSS
 gettext(u'Hello,') 

 gettext(u'A place has become free at "%(title)s", and it is yours: you were next on the waiting list.') S SSSSS SSS SSSSSS SSSS SS SSSSSSSSSSSS SSS SS SS SSSSSS SSS SSSS SSSS SS SSS SSSSSSS SSSSS

 gettext(u'It starts %(date)s.') SS SSSSSS SSSSSSSSS  gettext(u'If you cannot come after all, cancel your place so that the next person gets it.') 


